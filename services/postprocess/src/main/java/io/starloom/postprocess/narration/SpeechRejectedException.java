package io.starloom.postprocess.narration;

/** A TTS engine answered that this request can never succeed (4xx other than 429, unknown voice). */
public class SpeechRejectedException extends RuntimeException {
    public SpeechRejectedException(String message) {
        super(message);
    }
}
