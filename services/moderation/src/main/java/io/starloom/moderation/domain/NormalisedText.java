package io.starloom.moderation.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A text reduced to the letters and digits that carry its words, each remembering where it came from,
 * so that "s e x", "S.E.X", "ｓｅｘ", "s\u200Bex" and "色 情" all read as one word while findings still
 * point into the original.
 *
 * <p>Per code point: compatibility decomposition (NFKD, i.e. NFKC's folding of full-width and other
 * compatibility forms, plus accent folding), lower case, then:
 * <ul>
 * <li>letters and digits are kept;</li>
 * <li>combining marks, zero-width and other format characters, and apostrophes vanish without a trace
 * (so "Orion's" stays one word);</li>
 * <li>line breaks and clause punctuation (，。、！？；：, quotes, brackets) are hard breaks: no match spans them,
 * so "红色，情侣" never reads as "色情";</li>
 * <li>everything else (spaces, dots, dashes, asterisks, other symbols) is skipped but leaves a gap, which
 * marks a word boundary for Latin-script terms.</li>
 * </ul>
 */
final class NormalisedText {
    private static final String HARD_BREAKS = "\n\r\u0085\u2028\u2029,;:!?()\"，；：！？（）。、…「」『』《》【】“”〈〉";
    private static final String APOSTROPHES = "'’‘ʼ";

    private int[] chars;
    private int[] source;
    private boolean[] gapBefore;
    private boolean[] hardBefore;
    private int length;

    private NormalisedText(int capacity) {
        chars = new int[capacity];
        source = new int[capacity];
        gapBefore = new boolean[capacity];
        hardBefore = new boolean[capacity];
    }

    static NormalisedText of(String text) {
        NormalisedText normalised = new NormalisedText(text.length() + 1);
        boolean gap = false;
        boolean hard = false;
        int index = 0;
        for (int i = 0; i < text.length(); index++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (HARD_BREAKS.indexOf(cp) >= 0) {
                hard = true;
                continue;
            }
            String folded = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
            for (int j = 0; j < folded.length(); ) {
                int c = folded.codePointAt(j);
                j += Character.charCount(c);
                if (Character.isLetterOrDigit(c)) {
                    normalised.append(c, index, gap, hard);
                    gap = false;
                    hard = false;
                } else if (!vanishes(c)) {
                    gap = true;
                }
            }
        }
        return normalised;
    }

    private void append(int c, int sourceIndex, boolean gap, boolean hard) {
        if (length == chars.length) {
            int capacity = chars.length * 2;
            chars = Arrays.copyOf(chars, capacity);
            source = Arrays.copyOf(source, capacity);
            gapBefore = Arrays.copyOf(gapBefore, capacity);
            hardBefore = Arrays.copyOf(hardBefore, capacity);
        }
        chars[length] = c;
        source[length] = sourceIndex;
        gapBefore[length] = gap;
        hardBefore[length] = hard;
        length++;
    }

    /** A word or phrase of a word list, normalised the same way (it has no breaks of its own). */
    static int[] lettersOf(String term) {
        NormalisedText normalised = of(term);
        return Arrays.copyOf(normalised.chars, normalised.length);
    }

    private static boolean vanishes(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.FORMAT || APOSTROPHES.indexOf(cp) >= 0;
    }

    int length() {
        return length;
    }

    int charAt(int i) {
        return chars[i];
    }

    /** Whether the letters at {@code i - 1} and {@code i} stand in different words. */
    boolean boundaryBefore(int i) {
        return i == 0 || i == length || gapBefore[i] || hardBefore[i] || !isLatinWordChar(chars[i - 1]) || !isLatinWordChar(chars[i]);
    }

    /** Whether a match may run from letter {@code i - 1} on to letter {@code i}. */
    boolean joined(int i) {
        return !hardBefore[i];
    }

    /** Code-point offset in the original text of letter {@code i}. */
    int sourceOf(int i) {
        return source[i];
    }

    static boolean isLatinWordChar(int cp) {
        return Character.isDigit(cp) || Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }
}
