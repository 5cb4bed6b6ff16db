package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;

import io.starloom.enrichment.config.EnrichmentConfig.CameraCues;
import io.starloom.enrichment.config.EnrichmentConfig.CameraPlan;
import io.starloom.enrichment.knowledge.SkyEntry;
import io.starloom.enrichment.knowledge.SkyEntry.Kind;
import io.starloom.proto.v1.Language;

/**
 * Writes a shot's structured prompt in the story's language: style first (the model weighs the start
 * most), then the scene from the beat, the figures and motifs it names, the constellations in its sky,
 * the story's setting, and camera and lighting cues.
 */
final class PromptWriter {
    private final CameraPlan camera;

    PromptWriter(CameraPlan camera) {
        this.camera = camera;
    }

    /**
     * @param beatEntries what the beat itself names
     * @param story what the whole story names: its cast stands in when a beat names no figure
     *        ("两颗星缓缓走上桥头" is still the Cowherd and the Weaver Girl)
     */
    String write(int index, int shotCount, String beat, Language language, ResolvedStyle style,
            List<SkyEntry> beatEntries, StoryKnowledge story) {
        PromptPhrases phrases = PromptPhrases.of(language);
        List<String> sections = new ArrayList<>();
        sections.add(style.look(language));
        sections.add(phrases.scene() + Punctuation.stripEdges(beat));
        List<SkyEntry> figures = ofKind(beatEntries, Kind.FIGURE);
        addList(sections, phrases.figures(), figures.isEmpty() ? story.cast() : figures, language, phrases.itemSeparator());
        addList(sections, phrases.details(), ofKind(beatEntries, Kind.MOTIF), language, phrases.itemSeparator());
        List<SkyEntry> constellations = ofKind(beatEntries, Kind.CONSTELLATION);
        if (!constellations.isEmpty()) {
            sections.add(phrases.sky() + join(constellations, language, phrases.listSeparator()) + phrases.skyEnd());
        }
        addList(sections, phrases.setting(), story.settings(), language, phrases.itemSeparator());
        sections.add(phrases.camera() + cameraCue(index, shotCount, language));
        sections.add(phrases.lighting() + style.lighting(language));
        return String.join(phrases.sentenceEnd(), sections).strip() + phrases.sentenceEnd().strip();
    }

    /** An establishing move for the opening, a pull-back for the close, the configured cues in turn between. */
    private String cameraCue(int index, int shotCount, Language language) {
        CameraCues cues = camera.in(language);
        if (index == 0) {
            return cues.opening();
        }
        if (index == shotCount - 1) {
            return cues.closing();
        }
        return cues.middle().get((index - 1) % cues.middle().size());
    }

    private static void addList(List<String> sections, String label, List<SkyEntry> entries, Language language, String separator) {
        if (!entries.isEmpty()) {
            sections.add(label + join(entries, language, separator));
        }
    }

    private static String join(List<SkyEntry> entries, Language language, String separator) {
        return String.join(separator, entries.stream().map(entry -> entry.describe(language)).toList());
    }

    static List<SkyEntry> ofKind(List<SkyEntry> entries, Kind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).toList();
    }
}
