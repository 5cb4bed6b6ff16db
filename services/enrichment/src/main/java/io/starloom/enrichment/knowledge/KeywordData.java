package io.starloom.enrichment.knowledge;

import java.util.List;

import io.starloom.proto.v1.Language;

/**
 * An entry of the keyword library ({@code knowledge/keywords.yaml}): words made concrete for the model.
 *
 * @param kind motif, place, action, mood or vague
 * @param prefer for a vague word: figure kinds or ids of the story's cast it stands for when present
 * @param mood for a mood word: the mood recorded on the shot
 */
public record KeywordData(String id, String kind, List<String> names, List<String> prefer, String zh, String en, String mood) {

    public KeywordData {
        names = names == null ? List.of() : List.copyOf(names);
        prefer = prefer == null ? List.of() : List.copyOf(prefer);
        kind = kind == null ? "motif" : kind;
        zh = zh == null ? "" : zh;
        en = en == null ? "" : en;
        mood = mood == null ? "" : mood;
    }

    public String describe(Language language) {
        return language == Language.LANGUAGE_ZH ? zh : en;
    }
}
