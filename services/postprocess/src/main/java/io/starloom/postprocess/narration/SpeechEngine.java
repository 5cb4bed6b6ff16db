package io.starloom.postprocess.narration;

import java.nio.file.Path;

import io.starloom.proto.v1.Language;

/**
 * The TTS port: one way of turning a line of narration into speech. Implementations block (a child
 * process or an HTTP call): call them from a worker thread.
 */
public interface SpeechEngine {

    /** Stable name used in configuration, media keys and the manifest, e.g. {@code espeak}. */
    String name();

    /** The voice used when a story names none. */
    String defaultVoice(Language language);

    /**
     * Writes the speech of {@code text} to {@code target} as audio that ffmpeg reads (WAV here).
     *
     * @throws SpeechUnavailableException when the engine cannot speak now (absent, down, overloaded,
     *         no credentials): another engine may
     * @throws SpeechRejectedException when the engine refuses this request (unknown voice, bad text)
     */
    void synthesize(String text, Language language, String voice, Path target);
}
