package io.starloom.enrichment.knowledge;

import io.starloom.proto.v1.Language;

/** The same text in each language enrichment writes. */
public record Localized(String zh, String en) {

    public static final Localized EMPTY = new Localized("", "");

    public String in(Language language) {
        String text = language == Language.LANGUAGE_ZH ? zh : en;
        return text == null ? "" : text;
    }
}
