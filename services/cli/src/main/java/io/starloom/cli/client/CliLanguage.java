package io.starloom.cli.client;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The language the CLI speaks errors in and asks Starloom for (Accept-Language, gRPC accept-language): the
 * POSIX locale of the shell (LC_ALL, then LC_MESSAGES, then LANG), Chinese for zh_*, otherwise English.
 * Its own words are in {@code io/starloom/cli/client/errors*.properties}.
 */
public final class CliLanguage {
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.CHINESE);
    private static final ResourceBundle.Control CONTROL = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private CliLanguage() {
    }

    public static Locale current() {
        return of(System.getenv());
    }

    /** From POSIX locale variables, e.g. {@code LANG=zh_CN.UTF-8}; C, POSIX and unset read English. */
    static Locale of(Map<String, String> env) {
        for (String variable : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                String tag = value.split("[.@]", 2)[0].replace('_', '-');
                try {
                    Locale found = Locale.lookup(Locale.LanguageRange.parse(tag), LANGUAGES);
                    return found == null ? Locale.ENGLISH : found;
                } catch (IllegalArgumentException notATag) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** The CLI's own words for {@code key} in {@code locale}, with {@code args} filled in. */
    static String text(Locale locale, String key, Object... args) {
        String pattern = ResourceBundle.getBundle("io.starloom.cli.client.errors", locale, CliLanguage.class.getClassLoader(), CONTROL)
                .getString(key);
        return new MessageFormat(pattern, locale).format(Arrays.stream(args).map(String::valueOf).toArray());
    }
}
