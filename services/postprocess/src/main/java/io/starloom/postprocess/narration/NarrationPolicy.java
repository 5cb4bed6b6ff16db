package io.starloom.postprocess.narration;

import java.util.Optional;

/**
 * The engine that speaks and what happens when it cannot: another engine speaks, the shot stays
 * silent, or the story fails.
 *
 * @param fallback the engine that speaks when {@code primary} is unavailable
 * @param silentWhenUnavailable with no fallback engine: true leaves the shot without speech, false fails the story
 */
public record NarrationPolicy(SpeechEngine primary, Optional<SpeechEngine> fallback, boolean silentWhenUnavailable) {
    public static final String SILENCE = "silence";
    public static final String FAIL = "fail";

    public static NarrationPolicy orSilence(SpeechEngine primary) {
        return new NarrationPolicy(primary, Optional.empty(), true);
    }

    public static NarrationPolicy orFail(SpeechEngine primary) {
        return new NarrationPolicy(primary, Optional.empty(), false);
    }

    public static NarrationPolicy orElse(SpeechEngine primary, SpeechEngine fallback) {
        return new NarrationPolicy(primary, fallback == primary ? Optional.empty() : Optional.of(fallback), false);
    }
}
