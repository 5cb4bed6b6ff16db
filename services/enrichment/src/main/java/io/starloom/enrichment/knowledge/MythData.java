package io.starloom.enrichment.knowledge;

import java.util.List;

import io.starloom.proto.v1.Language;

/**
 * A star myth of the library ({@code knowledge/myths.yaml}): what names or calls it up, its cast and sky,
 * its season, its meaning and the look of its world.
 */
public record MythData(String id, String culture, List<String> names, List<String> cues, List<String> figures,
        List<String> sky, Localized season, Localized meaning, Localized setting, String mood) {

    public MythData {
        names = names == null ? List.of() : List.copyOf(names);
        cues = cues == null ? List.of() : List.copyOf(cues);
        figures = figures == null ? List.of() : List.copyOf(figures);
        sky = sky == null ? List.of() : List.copyOf(sky);
        season = season == null ? Localized.EMPTY : season;
        meaning = meaning == null ? Localized.EMPTY : meaning;
        setting = setting == null ? Localized.EMPTY : setting;
        mood = mood == null ? "" : mood;
    }

    public boolean chinese() {
        return "chinese".equals(culture);
    }

    /** The myth's own name in a story's language: its first name written in that language's script. */
    public String name(Language language) {
        boolean zh = language == Language.LANGUAGE_ZH;
        return names.stream().filter(n -> zh == n.codePoints().anyMatch(io.starloom.mesh.support.narration.Scripts::isHan))
                .findFirst().orElse(names.isEmpty() ? id : names.get(0));
    }
}
