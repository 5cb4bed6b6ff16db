package io.starloom.moderation.domain;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.starloom.contracts.ProtoNames;
import io.starloom.moderation.config.ModerationConfig;
import io.starloom.moderation.config.ModerationConfig.Level;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Severity;
import io.starloom.proto.v1.Verdict;

/**
 * Turns a finding's category and severity into an action for a tenant. A threshold is looked up from the
 * most specific setting to the least: the tenant's for the category, the tenant's own, the default policy's
 * for the category, the default policy's; then review-at medium, block-at high. CRITICAL always blocks:
 * no tenant may allow sexual content with minors, graphic gore or self-harm instructions.
 */
@ApplicationScoped
public class SafetyPolicy {
    private final ModerationConfig.Policy defaults;
    private final Map<String, ModerationConfig.Policy> tenants;

    public SafetyPolicy(ModerationConfig config) {
        this.defaults = config.policy();
        this.tenants = config.tenants();
    }

    public Verdict actionFor(String tenant, Category category, Severity severity) {
        if (severity == Severity.SEVERITY_CRITICAL) {
            return Verdict.VERDICT_BLOCK;
        }
        ModerationConfig.Policy own = tenant == null ? null : tenants.get(tenant);
        String name = ProtoNames.shortName(category);
        Level blockAt = threshold(own, defaults, name, true).orElse(Level.HIGH);
        Level reviewAt = threshold(own, defaults, name, false).orElse(Level.MEDIUM);
        if (reaches(severity, blockAt)) {
            return Verdict.VERDICT_BLOCK;
        }
        return reaches(severity, reviewAt) ? Verdict.VERDICT_REVIEW : Verdict.VERDICT_ALLOW;
    }

    private static Optional<Level> threshold(ModerationConfig.Policy own, ModerationConfig.Policy defaults, String category, boolean block) {
        return of(own, category, block).or(() -> of(defaults, category, block));
    }

    private static Optional<Level> of(ModerationConfig.Policy policy, String category, boolean block) {
        if (policy == null) {
            return Optional.empty();
        }
        ModerationConfig.Thresholds forCategory = policy.categories().get(category);
        Optional<Level> specific = forCategory == null ? Optional.empty() : block ? forCategory.blockAt() : forCategory.reviewAt();
        return specific.or(() -> block ? policy.blockAt() : policy.reviewAt());
    }

    private static boolean reaches(Severity severity, Level threshold) {
        return threshold != Level.NEVER && severity.getNumber() >= threshold.ordinal() + 1;
    }
}
