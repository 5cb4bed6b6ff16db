package io.starloom.postprocess.media;

/** The bundled FFmpeg executables cannot run on this machine, e.g. a system library is missing. */
public class MediaToolUnavailableException extends MediaToolException {
    public MediaToolUnavailableException(String message) {
        super(message);
    }

    public MediaToolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
