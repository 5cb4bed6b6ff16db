package io.starloom.enrichment.domain;

import java.util.List;

import io.starloom.enrichment.knowledge.SkyEntry;
import io.starloom.enrichment.knowledge.SkyEntry.Kind;

/**
 * What the whole story names, for every shot: its cast (figures, in order of first mention) and the
 * settings that frame it (a Qixi story is a lovers' reunion in every shot).
 */
record StoryKnowledge(List<SkyEntry> cast, List<SkyEntry> settings) {

    static StoryKnowledge of(List<SkyEntry> storyEntries) {
        return new StoryKnowledge(PromptWriter.ofKind(storyEntries, Kind.FIGURE), PromptWriter.ofKind(storyEntries, Kind.SETTING));
    }
}
