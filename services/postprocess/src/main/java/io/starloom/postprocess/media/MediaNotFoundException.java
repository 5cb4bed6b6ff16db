package io.starloom.postprocess.media;

/** A well-formed media URI inside the store that names no file. */
public class MediaNotFoundException extends RuntimeException {
    public MediaNotFoundException(String message) {
        super(message);
    }
}
