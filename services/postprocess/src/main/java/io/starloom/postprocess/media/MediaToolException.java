package io.starloom.postprocess.media;

/**
 * FFmpeg could not do its job this time: it did not start, did not finish in time or failed on input
 * that should have worked. Worth a retry (the message goes back to the broker for redelivery).
 */
public class MediaToolException extends RuntimeException {
    public MediaToolException(String message) {
        super(message);
    }

    public MediaToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
