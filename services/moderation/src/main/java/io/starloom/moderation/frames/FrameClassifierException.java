package io.starloom.moderation.frames;

/**
 * A classifier could not judge. {@code retryable} failures (a busy or broken remote API) are worth trying
 * again later; the others (a refused key, a request the API calls invalid) fail the same way every time.
 */
public class FrameClassifierException extends RuntimeException {
    private final String reason;
    private final boolean retryable;

    public FrameClassifierException(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }

    public FrameClassifierException(String reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    /** A stable upper-case reason, e.g. MODERATION_API_REFUSED. */
    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
