package io.starloom.enrichment.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.proto.v1.Language;

/**
 * Everything about a storyboard that an operator may tune: limits, reading speed, style templates,
 * camera cues and the model's negative prompt. Defaults live in {@code application.properties}.
 */
@ConfigMapping(prefix = "starloom.enrichment")
public interface EnrichmentConfig {

    /** Longest story accepted, in Unicode code points. */
    @WithDefault("4000")
    int maxTextLength();

    /** Most shots one story may need; a longer story is refused rather than cut short. */
    @WithDefault("12")
    int maxShots();

    /** Planned on-screen length of every shot (the Wan2.2 clip is 81 frames at 16 fps, about 5 s). */
    @WithDefault("5")
    int shotSeconds();

    /** Narration pace used to size each shot's narration. */
    ReadingSpeed readingSpeed();

    /** Negative prompt shared by every shot (the model family's default). */
    String negativePrompt();

    /** Style used when a request leaves it unspecified, e.g. {@code cinematic}. */
    @WithDefault("cinematic")
    String defaultStyle();

    /** Style templates by name ({@code cinematic}, {@code ink-wash}, {@code planetarium}). */
    Map<String, StyleTemplate> styles();

    /** Camera cues by story language. */
    CameraPlan camera();

    interface ReadingSpeed {
        /** Chinese characters per second. */
        double zh();

        /** English words per second. */
        double en();
    }

    interface StyleTemplate {
        /** The look woven into every prompt. */
        LocalisedText template();

        /** Default light of the style. */
        LocalisedText lighting();
    }

    interface CameraCues {
        /** First shot of a film. */
        String opening();

        /** Last shot of a film (with more than one shot). */
        String closing();

        /** Shots in between, used in turn. */
        List<String> middle();
    }

    interface CameraPlan {
        CameraCues zh();

        CameraCues en();

        default CameraCues in(Language language) {
            return language == Language.LANGUAGE_ZH ? zh() : en();
        }
    }

    /** The same text written in each story language. */
    interface LocalisedText {
        String zh();

        String en();

        default String in(Language language) {
            return language == Language.LANGUAGE_ZH ? zh() : en();
        }
    }
}
