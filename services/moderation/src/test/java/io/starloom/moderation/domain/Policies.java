package io.starloom.moderation.domain;

import java.util.Map;
import java.util.Optional;

import io.starloom.moderation.config.ModerationConfig;

/** Policies for unit tests, written as configuration would be. */
final class Policies {
    private Policies() {
    }

    record Thresholds(Optional<ModerationConfig.Level> reviewAt, Optional<ModerationConfig.Level> blockAt)
            implements ModerationConfig.Thresholds {
    }

    record Policy(Optional<ModerationConfig.Level> reviewAt, Optional<ModerationConfig.Level> blockAt,
            Map<String, ModerationConfig.Thresholds> categories) implements ModerationConfig.Policy {
    }

    static final ModerationConfig.Policy UNSET = new Policy(Optional.empty(), Optional.empty(), Map.of());

    static ModerationConfig config(Map<String, ModerationConfig.Policy> tenants) {
        return new ModerationConfig() {
            @Override
            public int maxTextLength() {
                return 20000;
            }

            @Override
            public java.time.Duration lexiconRefresh() {
                return java.time.Duration.ofSeconds(10);
            }

            @Override
            public Policy policy() {
                return UNSET;
            }

            @Override
            public Map<String, Policy> tenants() {
                return tenants;
            }
        };
    }

    /** The shipped defaults: review at medium, block at high. */
    static SafetyPolicy defaults() {
        return new SafetyPolicy(config(Map.of()));
    }
}
