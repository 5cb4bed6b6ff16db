package io.starloom.mesh.support.media;

/** A reference into the media store that can never be honoured, however often it is retried. */
public class MediaReferenceException extends RuntimeException {
    /** Blank, unparsable, or not the kind of URI the store hands out. */
    public static final String INVALID_URI = "INVALID_URI";
    /** A URI of another kind of store, e.g. {@code http:} for the filesystem store. */
    public static final String FOREIGN_URI = "FOREIGN_URI";
    /** A URI that leaves the store's root, lexically or through a symbolic link. */
    public static final String OUTSIDE_MEDIA_ROOT = "OUTSIDE_MEDIA_ROOT";
    /** A key, or the part of a URI under the root, that is not a path of plain names. */
    public static final String INVALID_KEY = "INVALID_KEY";

    private final String reason;

    public MediaReferenceException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Machine-readable cause, one of the constants of this class; fit for a Failure reason. */
    public String reason() {
        return reason;
    }
}
