package io.starloom.postprocess.media;

/** A film command that can never succeed as sent, e.g. a clip that does not exist. Retrying does not help. */
public class UnassemblableFilmException extends RuntimeException {
    public static final String NO_CLIPS = "NO_CLIPS";
    public static final String CLIP_NOT_FOUND = "CLIP_NOT_FOUND";
    public static final String UNREADABLE_CLIP = "UNREADABLE_CLIP";
    public static final String INVALID_OUTPUT_FORMAT = "INVALID_OUTPUT_FORMAT";
    /** A shot's narration audio is empty or not audio. */
    public static final String UNREADABLE_NARRATION = "UNREADABLE_NARRATION";

    private final String reason;

    public UnassemblableFilmException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Machine-readable cause for {@code StageFailed.reason}. */
    public String reason() {
        return reason;
    }
}
