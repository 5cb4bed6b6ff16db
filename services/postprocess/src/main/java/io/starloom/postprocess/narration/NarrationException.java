package io.starloom.postprocess.narration;

/** A shot's narration cannot be spoken: the story fails with {@link #reason()}. */
public class NarrationException extends RuntimeException {
    public static final String TTS_UNAVAILABLE = "TTS_UNAVAILABLE";
    public static final String TTS_REJECTED = "TTS_REJECTED";

    private final String reason;

    public NarrationException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
