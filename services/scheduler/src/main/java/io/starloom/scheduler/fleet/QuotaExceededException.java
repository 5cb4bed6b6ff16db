package io.starloom.scheduler.fleet;

import java.time.Duration;

import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.LocalizedException;

/**
 * A tenant already spent a quota: 429 with Retry-After (REST) or RESOURCE_EXHAUSTED with google.rpc.QuotaFailure
 * (gRPC), naming the quota.
 *
 * @param quota the quota's name, e.g. {@code gpu-seconds-per-day}
 * @param subject whose quota it is, e.g. {@code tenant:museum-a}
 */
public class QuotaExceededException extends LocalizedException {
    private final String quota;
    private final String subject;
    private final Duration retryAfter;

    /** {@code code} and {@code args} say how much was spent of how much, e.g. {@link ErrorCode#QUOTA_GPU_SECONDS}. */
    public QuotaExceededException(String quota, String subject, Duration retryAfter, ErrorCode code, Object... args) {
        super(code, args);
        this.quota = quota;
        this.subject = subject;
        this.retryAfter = retryAfter;
    }

    public String quota() {
        return quota;
    }

    public String subject() {
        return subject;
    }

    /** Whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
