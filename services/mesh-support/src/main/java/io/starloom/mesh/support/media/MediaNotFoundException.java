package io.starloom.mesh.support.media;

/** A valid reference into the media store under which nothing is stored (yet). */
public class MediaNotFoundException extends RuntimeException {
    public MediaNotFoundException(String message) {
        super(message);
    }
}
