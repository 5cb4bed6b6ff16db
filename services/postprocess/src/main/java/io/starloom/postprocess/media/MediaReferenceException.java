package io.starloom.postprocess.media;

/** A reference into the media store that can never be honoured, whatever is retried. */
public class MediaReferenceException extends RuntimeException {
    public static final String MISSING_URI = "MISSING_URI";
    public static final String INVALID_URI = "INVALID_URI";
    public static final String NOT_A_FILE_URI = "NOT_A_FILE_URI";
    public static final String OUTSIDE_MEDIA_ROOT = "OUTSIDE_MEDIA_ROOT";
    public static final String INVALID_STORY_ID = "INVALID_STORY_ID";

    private final String reason;

    public MediaReferenceException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Machine-readable cause, one of the constants of this class. */
    public String reason() {
        return reason;
    }
}
