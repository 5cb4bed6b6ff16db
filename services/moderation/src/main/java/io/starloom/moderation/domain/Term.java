package io.starloom.moderation.domain;

import io.starloom.proto.v1.Category;

/**
 * One entry of a word list, ready to match.
 *
 * @param category what a match means ({@code CATEGORY_UNSPECIFIED} for allow-list entries)
 * @param display the entry as the list writes it, reported as the finding's term
 * @param letters the entry normalised like the judged text
 * @param openEnded the list wrote {@code word*}: a Latin-script word may go on ("porn*" matches "pornography")
 */
record Term(Category category, String display, int[] letters, boolean openEnded) {

    static Term parse(Category category, String line) {
        boolean openEnded = line.endsWith("*");
        String display = openEnded ? line.substring(0, line.length() - 1).strip() : line;
        int[] letters = NormalisedText.lettersOf(display);
        if (letters.length == 0) {
            throw new IllegalArgumentException("word list entry '" + line + "' has no letters");
        }
        return new Term(category, display, letters, openEnded);
    }

    /**
     * Where this term occurs in {@code text}, as [start, end) letter indexes. Latin-script terms match
     * whole words (a Chinese term may sit anywhere), an open-ended one up to the end of its word;
     * no match spans a hard break.
     */
    void findIn(NormalisedText text, MatchSink sink) {
        boolean latinStart = NormalisedText.isLatinWordChar(letters[0]);
        boolean latinEnd = NormalisedText.isLatinWordChar(letters[letters.length - 1]) && !openEnded;
        for (int start = 0; start + letters.length <= text.length(); start++) {
            if (matchesAt(text, start) && (!latinStart || text.boundaryBefore(start))
                    && (!latinEnd || text.boundaryBefore(start + letters.length))) {
                sink.accept(this, start, openEnded ? endOfWord(text, start + letters.length) : start + letters.length);
            }
        }
    }

    private static int endOfWord(NormalisedText text, int from) {
        int end = from;
        while (!text.boundaryBefore(end)) {
            end++;
        }
        return end;
    }

    private boolean matchesAt(NormalisedText text, int start) {
        for (int k = 0; k < letters.length; k++) {
            if (text.charAt(start + k) != letters[k] || k > 0 && !text.joined(start + k)) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    interface MatchSink {
        void accept(Term term, int start, int end);
    }
}
