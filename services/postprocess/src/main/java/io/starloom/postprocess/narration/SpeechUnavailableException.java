package io.starloom.postprocess.narration;

/** A TTS engine cannot speak at the moment (not installed, not configured, unreachable, 5xx, 429). */
public class SpeechUnavailableException extends RuntimeException {
    public SpeechUnavailableException(String message) {
        super(message);
    }

    public SpeechUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
