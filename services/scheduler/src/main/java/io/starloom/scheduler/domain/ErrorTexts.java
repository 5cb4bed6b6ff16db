package io.starloom.scheduler.domain;

import java.math.BigDecimal;
import java.text.Format;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of the API's errors, from the {@code i18n/errors} resource bundle (English) and its {@code _zh}
 * sibling, as {@link MessageFormat} patterns. Arguments arrive as strings, so a plain {@code {0}} reads as the code wrote
 * it (no digit grouping); one a pattern formats, e.g. {@code {2,choice,0#none|1#{1}}}, is read as the number it is.
 */
public final class ErrorTexts {
    public static final String BUNDLE = "i18n.errors";
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.CHINESE;
    /** The languages errors are written in; the first is the default. */
    public static final List<Locale> LANGUAGES = List.of(ENGLISH, CHINESE);
    // No fallback to the JVM's default locale: a missing Chinese text falls back to English, never to whatever the host runs.
    private static final ResourceBundle.Control CONTROL = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ErrorTexts() {
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, ErrorTexts.class.getClassLoader(), CONTROL);
    }

    /** The text under {@code key} in {@code locale}, with {@code args} filled in. */
    public static String format(String key, Locale locale, List<String> args) {
        String pattern;
        try {
            pattern = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no error text " + key + " in " + BUNDLE, e);
        }
        MessageFormat format = new MessageFormat(pattern, locale);
        Format[] formats = format.getFormatsByArgumentIndex();
        Object[] values = args.toArray();
        for (int i = 0; i < Math.min(formats.length, values.length); i++) {
            if (formats[i] != null) {
                values[i] = new BigDecimal(args.get(i));
            }
        }
        return format.format(values);
    }
}
