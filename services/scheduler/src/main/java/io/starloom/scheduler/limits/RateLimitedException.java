package io.starloom.scheduler.limits;

import java.time.Duration;

import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.LocalizedException;

/** A tenant spent its budget: answered 429 with Retry-After (REST) or RESOURCE_EXHAUSTED (gRPC). */
public class RateLimitedException extends LocalizedException {
    private final Duration retryAfter;

    /** @param spent which budget, e.g. {@link ErrorCode#RATE_LIMITED_SUBMISSIONS}; its message names the seconds to wait */
    public RateLimitedException(ErrorCode spent, Duration retryAfter) {
        super(spent, seconds(retryAfter));
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
