package io.starloom.postprocess.media;

/** A file that ffprobe cannot read as audio or video. Retrying does not help. */
public class UnreadableMediaException extends RuntimeException {
    public UnreadableMediaException(String message) {
        super(message);
    }
}
