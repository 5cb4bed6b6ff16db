package io.starloom.scheduler.limits;

import java.time.Duration;

/** A tenant spent its budget: answered 429 with Retry-After (REST) or RESOURCE_EXHAUSTED (gRPC). */
public class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitedException(String what, Duration retryAfter) {
        super("tenant rate limit reached for " + what + "; retry in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up (Retry-After has no fractions), at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
