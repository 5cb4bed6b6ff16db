package io.starloom.moderation.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What an operator may tune about screening. The policy is explained in docs/safety.md. */
@ConfigMapping(prefix = "starloom.moderation")
public interface ModerationConfig {

    /** Longest text CheckText judges, in Unicode code points: a story is at most 4000, prompts add more. */
    @WithDefault("20000")
    int maxTextLength();

    /** How often every instance looks for lexicon changes made through another instance. */
    @WithDefault("10s")
    java.time.Duration lexiconRefresh();

    /** The policy for every tenant without one of its own. */
    Policy policy();

    /** Per-tenant policies, by tenant id; what a tenant leaves unset comes from {@link #policy()}. */
    Map<String, Policy> tenants();

    /**
     * When a finding's severity turns into REVIEW and into BLOCK: review-at medium, block-at high unless
     * set. CRITICAL findings block whatever a policy says.
     */
    interface Policy {
        /** Findings at or above this severity go to review; {@code never} allows them. */
        Optional<Level> reviewAt();

        /** Findings at or above this severity are blocked; {@code never} stops at review (CRITICAL still blocks). */
        Optional<Level> blockAt();

        /** Per-category thresholds by category short name ({@code nudity}, {@code violence}, {@code prompt-injection}). */
        Map<String, Thresholds> categories();
    }

    /** Thresholds for one category. */
    interface Thresholds {
        Optional<Level> reviewAt();

        Optional<Level> blockAt();
    }

    /** A severity threshold. */
    enum Level {
        LOW, MEDIUM, HIGH, CRITICAL, NEVER
    }
}
