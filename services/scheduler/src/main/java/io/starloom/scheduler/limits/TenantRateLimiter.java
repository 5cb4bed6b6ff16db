package io.starloom.scheduler.limits;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.starloom.scheduler.domain.ErrorCode;

/** Bucket4j token buckets per tenant; in memory, so each scheduler replica enforces its own share. */
@ApplicationScoped
public class TenantRateLimiter {
    /** What a call spends. */
    public enum Kind {
        CALL(ErrorCode.RATE_LIMITED_CALLS), SUBMISSION(ErrorCode.RATE_LIMITED_SUBMISSIONS);

        private final ErrorCode spent;

        Kind(ErrorCode spent) {
            this.spent = spent;
        }
    }

    private final RateLimitConfig config;
    private final Map<String, Bucket> buckets;

    public TenantRateLimiter(RateLimitConfig config) {
        this.config = config;
        int max = config.maxTenants();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        });
    }

    /** Spends one call of this kind for the tenant, or throws when its bucket is empty. */
    public void spend(String tenant, Kind kind) {
        Bucket bucket = buckets.computeIfAbsent(kind.name() + '\n' + tenant, key -> newBucket(kind));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(kind.spent, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Bucket newBucket(Kind kind) {
        long capacity = kind == Kind.SUBMISSION ? config.submissionCapacity() : config.callCapacity();
        Duration period = kind == Kind.SUBMISSION ? config.submissionPeriod() : config.callPeriod();
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }
}
