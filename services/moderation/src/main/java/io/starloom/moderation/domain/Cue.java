package io.starloom.moderation.domain;

/**
 * A word that means nothing alone but, together with others in one sentence, makes a finding
 * ({@link ContextRules}): "naked" is classical art, "naked" with "child" is sexual content with a minor.
 * Each cue has a list per language, {@code lexicon/cues/<name>.<zh|en>.txt}.
 */
enum Cue {
    MINOR, SEXUAL, NUDITY, EXPLICIT, TORTURE, SELF_HARM, INSTRUCTION, ILLICIT_OBJECT, ACQUIRE, BODY_INSIDE, SPILL, BLOOD, SPRAY,
    GRAPHIC, VISUAL, GROUP, DEHUMANISE, IGNORE, PRIOR, DIRECTIVE, INSTEAD, GENERATE;

    /** {@code BODY_INSIDE} → {@code body-inside}, the name of its lists. */
    String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
