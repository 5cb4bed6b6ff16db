package io.starloom.studio.i18n;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The interface language of this request: the one the user switched to (a cookie), else the browser's first
 * preference among Chinese and English, else English.
 */
@RequestScoped
public class UiLocale {
    public static final String COOKIE = "starloom-lang";
    public static final List<String> SUPPORTED = List.of("en", "zh");

    private final HttpHeaders headers;

    UiLocale(HttpHeaders headers) {
        this.headers = headers;
    }

    public Locale get() {
        Cookie chosen = headers.getCookies().get(COOKIE);
        if (chosen != null && SUPPORTED.contains(chosen.getValue())) {
            return Locale.forLanguageTag(chosen.getValue());
        }
        for (Locale wanted : headers.getAcceptableLanguages()) {
            if (SUPPORTED.contains(wanted.getLanguage())) {
                return Locale.forLanguageTag(wanted.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }
}
