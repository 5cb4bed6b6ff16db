package io.starloom.mesh.support.narration;

import io.starloom.proto.v1.Language;

/**
 * How much narration one shot can carry: reading speed × shot length, counted in characters for
 * Chinese (letters and digits; punctuation costs no time) and in words for English. Pure: the same
 * counting for the scheduler's edge check and enrichment's beat splitting.
 */
public final class ReadingBudget {
    /** A Latin word or number inside Chinese narration takes about as long as two characters (4.5 chars/s vs 2.8 words/s). */
    static final int LATIN_WORD_IN_CHINESE = 2;

    private final int shotSeconds;
    private final int zhCharacters;
    private final int enWords;

    public ReadingBudget(double zhCharactersPerSecond, double enWordsPerSecond, int shotSeconds) {
        this.shotSeconds = shotSeconds;
        this.zhCharacters = (int) Math.floor(zhCharactersPerSecond * shotSeconds);
        this.enWords = (int) Math.floor(enWordsPerSecond * shotSeconds);
        if (zhCharacters < 1 || enWords < 1) {
            throw new IllegalArgumentException("reading speed × shot length must allow at least one character and one word");
        }
    }

    /** Planned on-screen length of every shot, in seconds. */
    public int shotSeconds() {
        return shotSeconds;
    }

    /** Narration units (characters or words) one shot can carry. */
    public int perShot(Language language) {
        return language == Language.LANGUAGE_ZH ? zhCharacters : enWords;
    }

    public boolean fits(String text, Language language) {
        return units(text, language) <= perShot(language);
    }

    /** Characters (Chinese) or words (English) that take reading time in {@code text}. */
    public static int units(String text, Language language) {
        return language == Language.LANGUAGE_ZH ? characters(text) : words(text);
    }

    private static int characters(String text) {
        int units = 0;
        boolean inLatinWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean latin = Scripts.isLatinWordChar(cp);
            if (latin && !inLatinWord) {
                units += LATIN_WORD_IN_CHINESE;
            } else if (!latin && Character.isLetterOrDigit(cp)) {
                units++;
            }
            inLatinWord = latin;
            i += Character.charCount(cp);
        }
        return units;
    }

    private static int words(String text) {
        int words = 0;
        for (String token : text.trim().split("\\s+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                words++;
            }
        }
        return words;
    }
}
