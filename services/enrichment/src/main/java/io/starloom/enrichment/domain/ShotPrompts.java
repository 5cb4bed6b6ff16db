package io.starloom.enrichment.domain;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.ShotPrompt;

/** A shot's full prompt from its parts, the same way the planner writes it (for rewritten parts). */
public final class ShotPrompts {

    private ShotPrompts() {
    }

    public static String prompt(ShotPrompt parts, Language language) {
        return ShotComposer.promptOf(parts, PromptPhrases.of(language));
    }
}
