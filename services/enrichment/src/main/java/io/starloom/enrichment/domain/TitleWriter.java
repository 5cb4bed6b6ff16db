package io.starloom.enrichment.domain;

import io.starloom.proto.v1.Language;

/** A short title taken from the story's opening: whole clauses of the first sentence, as many as fit. */
public final class TitleWriter {
    /** At most one subtitle line of Chinese, or a few English words. */
    private static final int ZH_CHARACTERS = 16;
    private static final int EN_WORDS = 8;
    private static final String CLAUSE_ENDS = "，,、；;：:";

    private TitleWriter() {
    }

    public static String titleOf(String firstSentence, Language language) {
        int limit = language == Language.LANGUAGE_ZH ? ZH_CHARACTERS : EN_WORDS;
        String title = "";
        for (int i = 0; i <= firstSentence.length(); i++) {
            if (i == firstSentence.length() || CLAUSE_ENDS.indexOf(firstSentence.charAt(i)) >= 0) {
                String candidate = firstSentence.substring(0, i);
                if (ReadingBudget.units(candidate, language) > limit) {
                    break;
                }
                title = candidate;
            }
        }
        return ReadingBudget.units(title, language) > 0 ? Punctuation.stripEdges(title) : cut(firstSentence, limit, language);
    }

    /** The opening clause alone is too long: keep its first words or characters and mark the cut. */
    private static String cut(String clause, int limit, Language language) {
        StringBuilder title = new StringBuilder();
        int units = 0;
        for (String piece : BeatSplitter.wordsOrCharacters(clause, language)) {
            units += ReadingBudget.units(piece, language);
            if (units > limit) {
                return Punctuation.stripEdges(title.toString()) + "…";
            }
            title.append(piece);
        }
        return Punctuation.stripEdges(title.toString());
    }
}
