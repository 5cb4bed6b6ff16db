package io.starloom.scheduler.api;

import java.util.List;
import java.util.Locale;

import io.starloom.scheduler.domain.ErrorTexts;

/**
 * The language an error is answered in, from the caller's Accept-Language (REST header, gRPC metadata
 * {@code accept-language}): RFC 4647 lookup over the languages errors are written in, so zh-CN, zh-Hans and
 * zh-TW read Chinese, q-values rank, q=0 refuses; English when nothing matches or the header cannot be read.
 */
public final class ApiLanguages {
    public static final String HEADER = "Accept-Language";

    private ApiLanguages() {
    }

    public static Locale negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ErrorTexts.ENGLISH;
        }
        try {
            Locale found = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), ErrorTexts.LANGUAGES);
            return found == null ? ErrorTexts.ENGLISH : found;
        } catch (IllegalArgumentException malformed) {
            return ErrorTexts.ENGLISH;
        }
    }

    /** The languages errors can be answered in, as language tags. */
    public static List<String> tags() {
        return ErrorTexts.LANGUAGES.stream().map(Locale::toLanguageTag).toList();
    }
}
