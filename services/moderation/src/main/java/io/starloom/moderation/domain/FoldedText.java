package io.starloom.moderation.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * A text reduced to the letters that carry its words, each remembering where it came from, so that the
 * usual evasions read as the word they hide while findings still point into the original:
 * <ul>
 * <li>full-width and other compatibility forms, accents, mathematical letters (NFKD, lower case);</li>
 * <li>Cyrillic and Greek look-alikes ("ѕех", "nαked") as their Latin letters;</li>
 * <li>leetspeak digits and signs inside a Latin word ("s3x", "k1ll", "n4ked", "$ex") as letters;</li>
 * <li>traditional Chinese characters as simplified ones ("內臟" as "内脏");</li>
 * <li>a letter repeated within a word as one ("kiiill", "杀杀杀"): the lexicon is folded the same way;</li>
 * <li>zero-width and format characters, combining marks and apostrophes vanish ("Orion's" stays one word);</li>
 * <li>spaces and other symbols are skipped but leave a gap: a Latin term must start and end at a word
 * boundary, yet may run across gaps, so "s e x" and "S.E.X" match while "Essex" and "as exit" do not;</li>
 * <li>clause punctuation and line breaks are hard breaks: no match runs across one, so "红色，情侣" never
 * reads as "色情".</li>
 * </ul>
 * Folding one code point is a table look-up built once for the whole Basic Multilingual Plane.
 */
final class FoldedText {
    /** Stands in the folded string for a hard break: no lexicon term contains it. */
    static final char BREAK = '|';
    private static final String HARD_BREAKS = "\n\r\u0085\u2028\u2029,;:!?()\"，；：！？（）。、…「」『』《》【】“”〈〉";
    private static final String SENTENCE_ENDS = "\n\r\u2028\u2029!?;。！？；…";
    private static final String APOSTROPHES = "'’‘ʼ";
    private static final String HOMOGLYPHS_FROM = "аеорсхуіјѕԁӏвкмнтгпьԝαβεηικνορτυχωѵϲıɑɡ";
    private static final String HOMOGLYPHS_TO = "aeopcxyijsdlbkmhtrnbwabenikvoptuxwvciag";
    private static final String LEET_FROM = "013457@$";
    private static final String LEET_TO = "oieastas";

    private static final int GAP = -1;
    private static final int VANISH = -2;
    private static final int HARD = -3;
    /** Per BMP code point: its folded letter, or GAP, VANISH, HARD; 0 where NFKD yields several letters. */
    private static final int[] TABLE = buildTable();

    private final char[] letters;
    private final int[] source;
    private final boolean[] gapBefore;
    private final int[] sentence;
    private final int length;

    private FoldedText(char[] letters, int[] source, boolean[] gapBefore, int[] sentence, int length) {
        this.letters = letters;
        this.source = source;
        this.gapBefore = gapBefore;
        this.sentence = sentence;
        this.length = length;
    }

    static FoldedText of(String text) {
        Builder builder = new Builder(text.length() + 1);
        int index = 0;
        int sentence = 0;
        for (int i = 0; i < text.length(); index++) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (SENTENCE_ENDS.indexOf(cp) >= 0 || cp == '.' && (next >= text.length() || Character.isWhitespace(text.charAt(next)))) {
                sentence++;
            }
            int folded = cp < TABLE.length ? TABLE[cp] : (Character.isLetterOrDigit(cp) ? 0xFFFD : GAP);
            if (folded > 0 && LEET_FROM.indexOf(cp) >= 0) {
                folded = leet(text, i, next, cp);
            } else if (cp == '@' || cp == '$') {
                folded = leet(text, i, next, cp);
            }
            if (folded == 0) {
                String expanded = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
                for (int j = 0; j < expanded.length(); j++) {
                    char c = expanded.charAt(j);
                    if (Character.isLetterOrDigit(c)) {
                        builder.letter(fold(c), index, sentence);
                    }
                }
            } else if (folded > 0) {
                builder.letter((char) folded, index, sentence);
            } else if (folded == HARD) {
                builder.hard(index, sentence);
            } else if (folded == GAP) {
                builder.gap();
            }
            i = next;
        }
        return builder.build();
    }

    /** A leet digit or sign counts as a letter only next to a Latin letter ("k1ll", "$ex"); otherwise it stays what it is. */
    private static int leet(String text, int at, int next, int cp) {
        boolean before = at > 0 && isLatinLetter(text.codePointBefore(at));
        boolean after = next < text.length() && isLatinLetter(text.codePointAt(next));
        if (before || after) {
            return LEET_TO.charAt(LEET_FROM.indexOf(cp));
        }
        return cp == '@' || cp == '$' ? GAP : cp;
    }

    private static boolean isLatinLetter(int cp) {
        int folded = cp < TABLE.length ? TABLE[cp] : GAP;
        return folded > 0 && folded < 0x250 && Character.isLetter(folded);
    }

    private static char fold(char c) {
        int folded = TABLE[c];
        return folded > 0 ? (char) folded : c;
    }

    /** A lexicon term folded like a text; breaks inside a term are dropped (terms are written without them). */
    static String foldTerm(String term) {
        FoldedText folded = of(term);
        StringBuilder out = new StringBuilder(folded.length);
        for (int i = 0; i < folded.length; i++) {
            if (folded.letters[i] != BREAK) {
                out.append(folded.letters[i]);
            }
        }
        return out.toString();
    }

    private static int[] buildTable() {
        int[] table = new int[0x10000];
        for (int cp = 0; cp < table.length; cp++) {
            table[cp] = classify(cp);
        }
        return table;
    }

    private static int classify(int cp) {
        if (HARD_BREAKS.indexOf(cp) >= 0) {
            return HARD;
        }
        if (Character.isSurrogate((char) cp)) {
            return GAP;
        }
        String folded = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        int letter = 0;
        int count = 0;
        for (int j = 0; j < folded.length(); j++) {
            char c = folded.charAt(j);
            if (Character.isLetterOrDigit(c)) {
                letter = c;
                count++;
            }
        }
        if (count == 0) {
            return vanishes(cp) ? VANISH : GAP;
        }
        if (count > 1) {
            return 0;
        }
        int homoglyph = HOMOGLYPHS_FROM.indexOf(letter);
        if (homoglyph >= 0) {
            return HOMOGLYPHS_TO.charAt(homoglyph);
        }
        if (Character.UnicodeScript.of(letter) == Character.UnicodeScript.HAN) {
            return simplified(letter);
        }
        return letter;
    }

    private static int simplified(int han) {
        if (!ZhConverterUtil.isTraditional((char) han)) {
            return han;
        }
        var simple = ZhConverterUtil.toSimple((char) han);
        return simple == null || simple.isEmpty() || simple.get(0).length() != 1 ? han : simple.get(0).charAt(0);
    }

    private static boolean vanishes(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.FORMAT || APOSTROPHES.indexOf(cp) >= 0;
    }

    /** The folded letters with {@link #BREAK} at hard breaks: what the lexicon is matched against. */
    String letters() {
        return new String(letters, 0, length);
    }

    int length() {
        return length;
    }

    /** Whether a Latin-script term may start at {@code i} (or end just before it). */
    boolean boundaryBefore(int i) {
        return i <= 0 || i >= length || gapBefore[i] || !isLatinWordChar(letters[i - 1]) || !isLatinWordChar(letters[i]);
    }

    /** The end of the Latin word that runs on from {@code i}. */
    int endOfWord(int i) {
        int end = i;
        while (end < length && !boundaryBefore(end)) {
            end++;
        }
        return end;
    }

    /** Code-point offset in the original text of folded letter {@code i}. */
    int sourceOf(int i) {
        return source[i];
    }

    /** The sentence (0-based) that folded letter {@code i} belongs to. */
    int sentenceOf(int i) {
        return sentence[i];
    }

    static boolean isLatinWordChar(int c) {
        return c != BREAK && c < 0x250 && Character.isLetterOrDigit(c);
    }

    private static final class Builder {
        private char[] letters;
        private int[] source;
        private boolean[] gapBefore;
        private int[] sentence;
        private int length;
        private boolean gap;

        Builder(int capacity) {
            letters = new char[capacity];
            source = new int[capacity];
            gapBefore = new boolean[capacity];
            sentence = new int[capacity];
        }

        void letter(char c, int sourceIndex, int sentenceIndex) {
            append(c, sourceIndex, sentenceIndex);
            gap = false;
        }

        void hard(int sourceIndex, int sentenceIndex) {
            if (length > 0 && letters[length - 1] != BREAK) {
                append(BREAK, sourceIndex, sentenceIndex);
            }
            gap = true;
        }

        void gap() {
            gap = true;
        }

        private void append(char c, int sourceIndex, int sentenceIndex) {
            if (length == letters.length) {
                int capacity = letters.length * 2;
                letters = Arrays.copyOf(letters, capacity);
                source = Arrays.copyOf(source, capacity);
                gapBefore = Arrays.copyOf(gapBefore, capacity);
                sentence = Arrays.copyOf(sentence, capacity);
            }
            letters[length] = c;
            source[length] = sourceIndex;
            gapBefore[length] = gap;
            sentence[length] = sentenceIndex;
            length++;
        }

        /**
         * Folds repeated letters into one: within a word ("kiiill" is "kil", like the folded term "kill"), and
         * across a gap only between single spaced letters ("k i l l"), so that "his sex" keeps the word "sex".
         */
        FoldedText build() {
            int kept = 0;
            boolean pendingGap = false;
            for (int i = 0; i < length; i++) {
                boolean repeat = kept > 0 && letters[i] != BREAK && letters[kept - 1] == letters[i]
                        && (!gapBefore[i] || singleLetter(i) && singleLetter(i - 1));
                if (repeat) {
                    pendingGap |= gapBefore[i];
                    continue;
                }
                letters[kept] = letters[i];
                source[kept] = source[i];
                gapBefore[kept] = gapBefore[i] || pendingGap;
                sentence[kept] = sentence[i];
                pendingGap = false;
                kept++;
            }
            return new FoldedText(letters, source, gapBefore, sentence, kept);
        }

        /** Whether the letter at {@code i} stands alone between gaps. */
        private boolean singleLetter(int i) {
            return (i == 0 || gapBefore[i]) && (i + 1 >= length || gapBefore[i + 1]);
        }
    }
}
