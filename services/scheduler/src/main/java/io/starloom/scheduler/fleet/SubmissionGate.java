package io.starloom.scheduler.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Priority;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/**
 * What the fleet asks of a submission before it is accepted: a priority class the tenant is entitled to, and a
 * daily GPU-seconds quota not already spent. Runs in the caller's Hibernate Reactive session.
 */
@ApplicationScoped
public class SubmissionGate {
    /** GPU-seconds the tenant's shots rendered since midnight UTC (the render time workers report). */
    private static final String RENDERED_TODAY = "SELECT CAST(coalesce(sum(s.render_millis), 0) AS bigint) FROM shot s"
            + " JOIN story st ON st.id = s.story_id WHERE st.tenant = :tenant AND s.updated_at >= :since AND s.render_millis IS NOT NULL";

    private final TenantPolicies policies;

    public SubmissionGate(TenantPolicies policies) {
        this.policies = policies;
    }

    /** The priority the story gets; fails with the field or quota at fault. */
    public Uni<Priority> admit(String tenant, Priority asked) {
        if (asked == Priority.UNRECOGNIZED) {
            throw new InvalidRequestException(List.of(new FieldError("priority", ErrorCode.PRIORITY_UNKNOWN,
                    String.join(", ", ProtoNames.shortNames(Priority.class)))), false);
        }
        Priority priority = asked == Priority.PRIORITY_UNSPECIFIED ? Priority.PRIORITY_STANDARD : asked;
        TenantPolicies.Policy policy = policies.of(tenant);
        if (!policy.allows(priority)) {
            throw new PriorityNotAllowedException(ProtoNames.shortName(priority), ProtoNames.shortName(policy.maxPriority()));
        }
        OptionalDouble quota = policy.gpuSecondsPerDay();
        if (quota.isEmpty()) {
            return Uni.createFrom().item(priority);
        }
        Instant midnight = Instant.now().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        return Panache.getSession().chain(session -> session.createNativeQuery(RENDERED_TODAY, Long.class)
                .setParameter("tenant", tenant).setParameter("since", midnight).getSingleResult()).map(millis -> {
                    double used = millis / 1000.0;
                    if (used >= quota.getAsDouble()) {
                        Instant tomorrow = midnight.plus(1, ChronoUnit.DAYS);
                        throw new QuotaExceededException("gpu-seconds-per-day", "tenant:" + tenant, Duration.between(Instant.now(), tomorrow),
                                ErrorCode.QUOTA_GPU_SECONDS, tenant, String.format(Locale.ROOT, "%.0f", used),
                                String.format(Locale.ROOT, "%.0f", quota.getAsDouble()));
                    }
                    return priority;
                });
    }
}
