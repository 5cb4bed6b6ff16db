package io.starloom.enrichment.knowledge;

import java.text.Normalizer;
import java.util.Locale;

import com.ibm.icu.text.Transliterator;

import io.starloom.mesh.support.narration.Scripts;

/**
 * How names and texts are compared: NFKC (full-width letters and compatibility forms folded), traditional
 * Chinese folded to simplified (織女 = 织女), lower case, typographic apostrophes made plain and runs of
 * white space made one space. Both the lexicon and every text are folded the same way.
 */
public final class TextFolding {
    /** ICU's transliterator is not thread-safe: one per thread. */
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED = ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private static final java.util.regex.Pattern COMBINING = java.util.regex.Pattern.compile("\\p{Mn}+");

    private TextFolding() {
    }

    public static String fold(String text) {
        // Combining marks never tell two names apart here (Zhinü = Zhinu) and zalgo must not hide a name.
        String folded = Normalizer.normalize(COMBINING.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll(""),
                Normalizer.Form.NFKC);
        if (folded.codePoints().anyMatch(Scripts::isHan)) {
            folded = TO_SIMPLIFIED.get().transliterate(folded);
        }
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c == '\u2019' || c == '\u2018' || c == '\u02bc' ? '\'' : c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Simplified Chinese of {@code text} (d3-celestial writes the constellations' Chinese names in traditional characters). */
    public static String simplified(String text) {
        return text == null ? null : TO_SIMPLIFIED.get().transliterate(text);
    }

    /** A letter or digit of a Latin-script word: a Latin name matches only between two non-word characters. */
    static boolean isWordChar(int cp) {
        return Scripts.isLatinWordChar(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.GREEK && Character.isLetter(cp);
    }
}
