package io.starloom.scheduler.domain;

import java.util.ArrayList;
import java.util.List;

import io.starloom.proto.v1.Language;

/**
 * Submission options beyond the film's look: a seed for reproducible shots, the wanted film length, and a
 * URL that receives the story's state changes (checked against SSRF by webhooks.application.TargetVetting).
 *
 * @param seed 0..2^32-1, or null for seeds derived from the story id
 * @param targetSeconds 5..300, or 0 for the planner's choice
 * @param webhookUrl null for none
 * @param translationLanguage language of a second subtitle track (the narration translated); UNSPECIFIED for none.
 *        Whether the deployment offers it is SubmissionValidator's check, which knows the configuration.
 */
public record StoryOptions(Long seed, int targetSeconds, String webhookUrl, Language translationLanguage) {
    public static final StoryOptions NONE = new StoryOptions(null, 0, null, Language.LANGUAGE_UNSPECIFIED);
    public static final long MAX_SEED = 0xffff_ffffL;
    public static final int MIN_TARGET_SECONDS = 5;
    public static final int MAX_TARGET_SECONDS = 300;

    public StoryOptions {
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        translationLanguage = translationLanguage == null ? Language.LANGUAGE_UNSPECIFIED : translationLanguage;
    }

    /** Without a translation. */
    public StoryOptions(Long seed, int targetSeconds, String webhookUrl) {
        this(seed, targetSeconds, webhookUrl, Language.LANGUAGE_UNSPECIFIED);
    }

    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (seed != null && (seed < 0 || seed > MAX_SEED)) {
            errors.add(new FieldError("seed", ErrorCode.SEED_OUT_OF_RANGE, MAX_SEED));
        }
        if (targetSeconds != 0 && (targetSeconds < MIN_TARGET_SECONDS || targetSeconds > MAX_TARGET_SECONDS)) {
            errors.add(new FieldError("targetSeconds", ErrorCode.TARGET_SECONDS_OUT_OF_RANGE, MIN_TARGET_SECONDS, MAX_TARGET_SECONDS));
        }
        if (translationLanguage == Language.UNRECOGNIZED) {
            errors.add(new FieldError("translationLanguage", ErrorCode.TRANSLATION_LANGUAGE_UNKNOWN));
        }
        return errors;
    }
}
