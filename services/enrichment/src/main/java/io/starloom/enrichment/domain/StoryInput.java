package io.starloom.enrichment.domain;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.PlanOptions;
import io.starloom.proto.v1.Style;

/**
 * A story to plan.
 *
 * @param seedKey what the shot seeds derive from: the story id, so a story's seeds never change
 * @param options film length, shot limits and languages the caller asked for
 * @param shotSeconds seconds of video one call of the story's model profile makes; 0 for the configured shot length
 */
public record StoryInput(String text, Language language, Style style, String seedKey, PlanOptions options, int shotSeconds) {

    public StoryInput(String text, Language language, Style style, String seedKey, PlanOptions options) {
        this(text, language, style, seedKey, options, 0);
    }

    public StoryInput(String text, Language language, Style style, String seedKey) {
        this(text, language, style, seedKey, PlanOptions.getDefaultInstance());
    }
}
