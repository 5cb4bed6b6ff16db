package io.starloom.worker.backend;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a backend made no clip, typed so that the scheduler knows what to do: retry (RETRYABLE), treat it as a
 * moderation outcome of the shot (CONTENT_REFUSED), or give up (PERMANENT). {@code reason} is the stable
 * machine-readable reason reported in ShotFailed, e.g. {@code CONTENT_REFUSED} or {@code BACKEND_REJECTED}.
 */
public class BackendFailure extends Exception {
    public enum Kind {
        RETRYABLE, CONTENT_REFUSED, PERMANENT
    }

    private final Kind kind;
    private final String reason;
    private final transient Duration retryAfter;

    public BackendFailure(Kind kind, String reason, String message) {
        this(kind, reason, message, null);
    }

    /** @param retryAfter the server's hint (Retry-After) before the same call may be tried again */
    public BackendFailure(Kind kind, String reason, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static BackendFailure retryable(String reason, String message) {
        return new BackendFailure(Kind.RETRYABLE, reason, message);
    }

    public static BackendFailure permanent(String reason, String message) {
        return new BackendFailure(Kind.PERMANENT, reason, message);
    }

    public static BackendFailure refused(String message) {
        return new BackendFailure(Kind.CONTENT_REFUSED, "CONTENT_REFUSED", message);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }
}
