package io.starloom.enrichment.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.proto.v1.Language;

/**
 * Everything about a storyboard that an operator may tune: the text limit, style templates, camera cues and
 * the model's negative prompt. The style templates and camera cues are written in
 * {@code application.properties}; every other setting has its default here. Shot length, reading speed and
 * the most shots per film are the narration capacity the scheduler's edge checks too: {@link NarrationConfig}.
 */
@ConfigMapping(prefix = "starloom.enrichment")
public interface EnrichmentConfig {

    /** Longest story accepted, in Unicode code points. */
    @WithDefault("4000")
    int maxTextLength();

    /**
     * Negative prompt shared by every shot: Wan2.2's default ({@code wan/configs/shared_config.py},
     * {@code sample_neg_prompt}), 28 terms, 137 code points.
     */
    @WithDefault("色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低质量，JPEG压缩残留，丑陋的，残缺的，"
            + "多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走")
    String negativePrompt();

    /** Style used when a request leaves it unspecified, e.g. {@code cinematic}. */
    @WithDefault("cinematic")
    String defaultStyle();

    /** Style guides by name ({@code cinematic}, {@code ink-wash}, {@code planetarium}, {@code mythological-fantasy}, {@code storybook}). */
    Map<String, StyleTemplate> styles();

    /** Camera cues by story language. */
    CameraPlan camera();

    /**
     * Language of the video prompts when a request does not choose: {@code en} (Wan2.2 follows English
     * prompts best; its text encoder reads Chinese too) or {@code zh}.
     */
    @WithDefault("en")
    String promptLanguage();

    /** Most figures in one storyboard's character bible; the most mentioned are kept. */
    @WithDefault("12")
    int maxCharacters();

    /** The style guides: each style's fixed look. */
    interface StyleTemplate {
        /** The look woven into every prompt. */
        LocalisedText template();

        /** Default light of the style. */
        LocalisedText lighting();

        /** Colours of the style. */
        LocalisedText palette();

        /** How the camera frames and moves in this style. */
        LocalisedText camera();

        /** What the style never shows, added to every shot's negative prompt. */
        LocalisedText negatives();
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
