package io.starloom.postprocess.narration;

import java.util.Optional;

import io.starloom.proto.v1.Language;

/**
 * The engine that speaks and what happens when it cannot: another engine speaks, the shot stays
 * silent, or the story fails. English may have a policy of its own (festival's voice is English only).
 *
 * @param fallback the engine that speaks when {@code primary} is unavailable
 * @param silentWhenUnavailable when no engine can speak (the primary and any fallback): true leaves the shot without
 *        speech, false fails the story
 * @param english the policy for English narration, when it differs from this one
 */
public record NarrationPolicy(SpeechEngine primary, Optional<SpeechEngine> fallback, boolean silentWhenUnavailable,
        Optional<NarrationPolicy> english) {
    public static final String SILENCE = "silence";
    public static final String FAIL = "fail";

    public static NarrationPolicy orSilence(SpeechEngine primary) {
        return new NarrationPolicy(primary, Optional.empty(), true, Optional.empty());
    }

    public static NarrationPolicy orFail(SpeechEngine primary) {
        return new NarrationPolicy(primary, Optional.empty(), false, Optional.empty());
    }

    public static NarrationPolicy orElse(SpeechEngine primary, SpeechEngine fallback) {
        return new NarrationPolicy(primary, fallback == primary ? Optional.empty() : Optional.of(fallback), false, Optional.empty());
    }

    /** This policy, but a shot stays silent rather than failing when its fallback is unavailable too. */
    public NarrationPolicy silentWhenAllUnavailable() {
        return new NarrationPolicy(primary, fallback, true, english);
    }

    /** This policy for Chinese, {@code english} for English. */
    public NarrationPolicy withEnglish(NarrationPolicy english) {
        return new NarrationPolicy(primary, fallback, silentWhenUnavailable, Optional.of(english));
    }

    /** The policy that speaks {@code language} (ZH or EN, never UNSPECIFIED). */
    public NarrationPolicy forLanguage(Language language) {
        return language == Language.LANGUAGE_EN ? english.orElse(this) : this;
    }
}
