package io.starloom.postprocess.media;

import java.util.List;
import java.util.Locale;

import com.ibm.icu.text.BreakIterator;

/**
 * Word boundaries of a Chinese text from ICU4J's dictionary-based word segmenter, in code-point
 * positions, plus where a break would split an idiom.
 */
final class Segmentation {
    private static final int IDIOM = 4;

    /** {@code boundary[i]}: a word ends before code point i. */
    private final boolean[] boundary;
    /** {@code idiomInterior[i]}: breaking before code point i splits an idiom. */
    private final boolean[] idiomInterior;
    /** {@code singles[i]}: the words on both sides of position i are one Han character each. */
    private final boolean[] singles;

    private Segmentation(boolean[] boundary, boolean[] idiomInterior, boolean[] singles) {
        this.boundary = boundary;
        this.idiomInterior = idiomInterior;
        this.singles = singles;
    }

    static Segmentation of(String string, int[] text, List<String> idioms) {
        int n = text.length;
        boolean[] boundary = new boolean[n + 1];
        BreakIterator words = BreakIterator.getWordInstance(Locale.SIMPLIFIED_CHINESE);
        words.setText(string);
        for (int at = words.first(); at != BreakIterator.DONE; at = words.next()) {
            boundary[string.codePointCount(0, at)] = true;
        }
        boolean[] interior = new boolean[n + 1];
        // A four-character phrase between word boundaries with punctuation (or the text's edge) on a side:
        // the way a chengyu stands in narration, whatever pieces ICU cut it into.
        for (int i = 0; i + IDIOM <= n; i++) {
            if (!boundary[i] || !boundary[i + IDIOM] || !allHan(text, i, i + IDIOM)) {
                continue;
            }
            boolean setOff = i == 0 || !isHan(text[i - 1]) || i + IDIOM == n || !isHan(text[i + IDIOM]);
            if (setOff) {
                markInterior(interior, i, i + IDIOM);
            }
        }
        for (String idiom : idioms) {
            for (int at = string.indexOf(idiom); at >= 0; at = string.indexOf(idiom, at + 1)) {
                int from = string.codePointCount(0, at);
                markInterior(interior, from, from + idiom.codePointCount(0, idiom.length()));
            }
        }
        boolean[] singles = new boolean[n + 1];
        for (int i = 1; i < n; i++) {
            singles[i] = boundary[i] && boundary[i - 1] && boundary[i + 1] && isHan(text[i - 1]) && isHan(text[i]);
        }
        return new Segmentation(boundary, interior, singles);
    }

    boolean boundary(int at) {
        return boundary[at];
    }

    boolean insideIdiom(int at) {
        return idiomInterior[at];
    }

    boolean betweenSingles(int at) {
        return singles[at];
    }

    private static void markInterior(boolean[] interior, int from, int to) {
        for (int j = from + 1; j < to; j++) {
            interior[j] = true;
        }
    }

    private static boolean allHan(int[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isHan(text[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
