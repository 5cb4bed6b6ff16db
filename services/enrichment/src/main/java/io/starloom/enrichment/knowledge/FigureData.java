package io.starloom.enrichment.knowledge;

import java.util.List;

import io.starloom.proto.v1.Language;

/**
 * A figure of the myth library ({@code knowledge/figures.yaml}): its names, its fixed look (the character
 * bible), its relations and what it became in the sky.
 *
 * @param kind person, god, beast, creature or object: what a vague word ("monster") may stand for
 */
public record FigureData(String id, List<String> names, String zh, String en, String kind, Localized look,
        List<String> relations, List<String> became) {

    public FigureData {
        names = names == null ? List.of() : List.copyOf(names);
        relations = relations == null ? List.of() : List.copyOf(relations);
        became = became == null ? List.of() : List.copyOf(became);
        look = look == null ? Localized.EMPTY : look;
        kind = kind == null ? "person" : kind;
    }

    public String name(Language language) {
        return language == Language.LANGUAGE_ZH ? zh : en;
    }
}
