package io.starloom.enrichment.domain;

import java.util.List;

import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.mesh.support.narration.Scripts;
import io.starloom.proto.v1.Language;

/**
 * A short title taken from the story's opening: whole clauses of the first sentence, as many as fit, or
 * else the first words or characters marked with an ellipsis. A title always fits one subtitle line as
 * postprocess breaks them, the ellipsis included, whatever the story and its stated language.
 */
public final class TitleWriter {
    /** One subtitle line: text with any CJK character in it breaks after 16 characters, other text after 42. */
    static final int CJK_LINE = 16;
    static final int LATIN_LINE = 42;
    /** An English title is also no more than a few words. */
    private static final int EN_WORDS = 8;
    private static final String CLAUSE_ENDS = "，,、；;：:";
    private static final String ELLIPSIS = "…";

    private TitleWriter() {
    }

    public static String titleOf(String firstSentence, Language language) {
        String title = "";
        for (int i = 0; i <= firstSentence.length(); i++) {
            if (i == firstSentence.length() || CLAUSE_ENDS.indexOf(firstSentence.charAt(i)) >= 0) {
                String candidate = Punctuation.stripEdges(firstSentence.substring(0, i));
                if (!fits(candidate, language)) {
                    break;
                }
                title = candidate;
            }
        }
        return ReadingBudget.units(title, language) > 0 ? title : cut(firstSentence, language);
    }

    /** The opening clause alone is too long: keep its first words or characters and mark the cut. */
    private static String cut(String clause, Language language) {
        String whole = Punctuation.stripEdges(clause);
        if (fits(whole, language)) {
            return whole;
        }
        String kept = longestMarkedPrefix(BeatSplitter.wordsOrCharacters(clause, language), language);
        if (kept.isEmpty()) {
            // Even the first word is longer than a line, e.g. unspaced Chinese in a story said to be English.
            kept = longestMarkedPrefix(clause.codePoints().mapToObj(Character::toString).toList(), language);
        }
        return kept + ELLIPSIS;
    }

    /** The most leading pieces that still fit together with the ellipsis, without edge punctuation. */
    private static String longestMarkedPrefix(List<String> pieces, Language language) {
        StringBuilder prefix = new StringBuilder();
        String kept = "";
        for (String piece : pieces) {
            String longer = Punctuation.stripEdges(prefix.append(piece).toString());
            if (!fits(longer + ELLIPSIS, language)) {
                break;
            }
            kept = longer;
        }
        return kept;
    }

    private static boolean fits(String title, Language language) {
        int line = title.codePoints().anyMatch(Scripts::isCjk) ? CJK_LINE : LATIN_LINE;
        return title.codePointCount(0, title.length()) <= line
                && (language == Language.LANGUAGE_ZH || ReadingBudget.units(title, language) <= EN_WORDS);
    }
}
