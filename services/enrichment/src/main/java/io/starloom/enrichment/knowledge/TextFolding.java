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
    /**
     * ICU's Traditional-Simplified mapping of every CJK unified ideograph that it changes into one character,
     * computed once: the transliterator itself costs milliseconds per call, the table a lookup per character.
     */
    private static final class ToSimplified {
        static final java.util.Map<Integer, Integer> TABLE = table();

        private static java.util.Map<Integer, Integer> table() {
            Transliterator transliterator = Transliterator.getInstance("Traditional-Simplified");
            java.util.Map<Integer, Integer> table = new java.util.HashMap<>();
            for (int cp = 0x3400; cp <= 0x9FFF; cp++) {
                if (!Character.isIdeographic(cp)) {
                    continue;
                }
                String simplified = transliterator.transliterate(Character.toString(cp));
                if (simplified.codePointCount(0, simplified.length()) == 1 && simplified.codePointAt(0) != cp) {
                    table.put(cp, simplified.codePointAt(0));
                }
            }
            return table;
        }
    }

    private static final java.util.regex.Pattern COMBINING = java.util.regex.Pattern.compile("\\p{Mn}+");

    private TextFolding() {
    }

    public static String fold(String text) {
        // Combining marks never tell two names apart here (Zhinü = Zhinu) and zalgo must not hide a name.
        String folded = Normalizer.normalize(COMBINING.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll(""),
                Normalizer.Form.NFKC);
        folded = simplified(folded);
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
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Integer simple = Scripts.isHan(cp) ? ToSimplified.TABLE.get(cp) : null;
            if (simple != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(simple != null ? simple : cp);
            }
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }

    /** A letter or digit of a Latin-script word: a Latin name matches only between two non-word characters. */
    static boolean isWordChar(int cp) {
        return Scripts.isLatinWordChar(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.GREEK && Character.isLetter(cp);
    }
}
