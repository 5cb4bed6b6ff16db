package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;

import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.mesh.support.narration.Scripts;
import io.starloom.proto.v1.Language;

/**
 * Cuts a story into beats, one shot each: one per sentence ({@link SentenceSegmenter}); a sentence whose narration does not fit
 * one shot is cut at semicolons, then at commas, and only as a last resort between words or characters,
 * always into as few and as even parts as the reading budget allows. Fragments too short to carry a
 * shot of their own are merged into a neighbour. When a film may have only so many shots, beats beyond
 * that are merged with a neighbour, the shortest neighbouring pair first.
 */
public final class BeatSplitter {
    /** Closing quotes and brackets stay with the sentence or clause they close. */
    private static final String CLOSERS = "”’\"'）)」』】》";
    /** Where an over-long sentence is cut, coarsest first. */
    private static final String[] BREAK_LEVELS = { "；;", "，,、：:" };
    /** A beat shorter than this share of the budget is merged into a neighbour. */
    private static final int SHORT_FRACTION = 5;

    private final ReadingBudget budget;

    public BeatSplitter(ReadingBudget budget) {
        this.budget = budget;
    }

    /** The beats of {@code text} in story order; empty when the text has no words. */
    public List<String> split(String text, Language language) {
        List<String> beats = new ArrayList<>();
        for (String sentence : sentences(text)) {
            if (ReadingBudget.units(sentence, language) > 0) {
                fit(sentence, 0, language).stream().map(String::strip).forEach(beats::add);
            }
        }
        return mergeShort(beats, language);
    }

    /**
     * The beats of {@code text} in story order, at most {@code maxBeats} of them. Sentence boundaries can make
     * more beats than the narration needs shots (many short sentences, each a shot of its own): then the
     * neighbouring pair with the least narration together is merged, again and again, until at most
     * {@code maxBeats} remain. A merged beat may carry more than one shot's budget; nothing is dropped.
     */
    public List<String> split(String text, Language language, int maxBeats) {
        if (maxBeats < 1) {
            throw new IllegalArgumentException("at least one beat, not " + maxBeats);
        }
        List<String> beats = split(text, language);
        if (beats.size() <= maxBeats) {
            return beats;
        }
        List<String> merged = new ArrayList<>(beats);
        List<Integer> weights = new ArrayList<>(merged.stream().map(beat -> ReadingBudget.units(beat, language)).toList());
        while (merged.size() > maxBeats) {
            int best = 0;
            for (int i = 1; i + 1 < merged.size(); i++) {
                if (weights.get(i) + weights.get(i + 1) < weights.get(best) + weights.get(best + 1)) {
                    best = i;
                }
            }
            String joined = join(merged.get(best), merged.get(best + 1), language);
            merged.set(best, joined);
            weights.set(best, ReadingBudget.units(joined, language));
            merged.remove(best + 1);
            weights.remove(best + 1);
        }
        return merged;
    }

    /** Two beats as one: a space between them in English, and in Chinese only where two Latin words would run together. */
    private static String join(String first, String second, Language language) {
        boolean space = language != Language.LANGUAGE_ZH
                || !first.isEmpty() && !second.isEmpty()
                        && Scripts.isLatinWordChar(first.codePointBefore(first.length())) && Scripts.isLatinWordChar(second.codePointAt(0));
        return first + (space ? " " : "") + second;
    }

    /** Sentences of the text (ICU sentence rules; a line break also ends a sentence). */
    static List<String> sentences(String text) {
        return SentenceSegmenter.sentences(text);
    }

    private List<String> fit(String text, int level, Language language) {
        if (budget.fits(text, language)) {
            return List.of(text);
        }
        if (level == BREAK_LEVELS.length) {
            return pack(wordsOrCharacters(text, language), language);
        }
        List<String> parts = splitAfter(text, BREAK_LEVELS[level]);
        if (parts.size() == 1) {
            return fit(text, level + 1, language);
        }
        List<String> pieces = new ArrayList<>();
        for (String part : parts) {
            pieces.addAll(fit(part, level + 1, language));
        }
        return pack(pieces, language);
    }

    private static List<String> splitAfter(String text, String separators) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (separators.indexOf(text.charAt(i)) >= 0) {
                int end = skipClosers(text, i + 1);
                parts.add(text.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.length()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** The finest cut: words (English, keeping their trailing space) or single characters (Chinese, Latin words kept whole). */
    static List<String> wordsOrCharacters(String text, Language language) {
        if (language != Language.LANGUAGE_ZH) {
            return List.of(text.split("(?<=\\s)"));
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = i + Character.charCount(text.codePointAt(i));
            if (Scripts.isLatinWordChar(text.codePointAt(i))) {
                while (end < text.length() && Scripts.isLatinWordChar(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
            }
            pieces.add(text.substring(i, end));
            i = end;
        }
        return pieces;
    }

    /**
     * Joins consecutive pieces (each within the budget) into the fewest parts that fit the budget,
     * and among those the most even ones (least sum of squared lengths), so a long sentence becomes
     * 13 + 16 characters rather than 18 + 11.
     */
    private List<String> pack(List<String> pieces, Language language) {
        int n = pieces.size();
        int limit = budget.perShot(language);
        int[] weight = pieces.stream().mapToInt(p -> ReadingBudget.units(p, language)).toArray();
        int[] parts = new int[n + 1];
        long[] squares = new long[n + 1];
        int[] cut = new int[n + 1];
        for (int end = 1; end <= n; end++) {
            parts[end] = Integer.MAX_VALUE;
            int sum = 0;
            for (int start = end - 1; start >= 0; start--) {
                sum += weight[start];
                if (sum > limit) {
                    break;
                }
                int candidateParts = parts[start] + 1;
                long candidateSquares = squares[start] + (long) sum * sum;
                if (candidateParts < parts[end] || candidateParts == parts[end] && candidateSquares < squares[end]) {
                    parts[end] = candidateParts;
                    squares[end] = candidateSquares;
                    cut[end] = start;
                }
            }
        }
        List<String> packed = new ArrayList<>();
        for (int end = n; end > 0; end = cut[end]) {
            packed.add(0, String.join("", pieces.subList(cut[end], end)));
        }
        return packed;
    }

    /** Merges beats too short for a shot of their own into the next beat, or else the previous one, when that fits. */
    private List<String> mergeShort(List<String> beats, Language language) {
        int shortBelow = (budget.perShot(language) + SHORT_FRACTION - 1) / SHORT_FRACTION;
        List<String> merged = new ArrayList<>(beats);
        for (int i = 0; i < merged.size() && merged.size() > 1; i++) {
            String beat = merged.get(i);
            if (ReadingBudget.units(beat, language) >= shortBelow) {
                continue;
            }
            if (i + 1 < merged.size() && budget.fits(join(beat, merged.get(i + 1), language), language)) {
                merged.set(i + 1, join(beat, merged.get(i + 1), language));
                merged.remove(i--);
            } else if (i > 0 && budget.fits(join(merged.get(i - 1), beat, language), language)) {
                merged.set(i - 1, join(merged.get(i - 1), beat, language));
                merged.remove(i--);
            }
        }
        return merged;
    }

    private static int skipClosers(String text, int from) {
        return skipWhile(text, from, CLOSERS);
    }

    private static int skipWhile(String text, int from, String chars) {
        int i = from;
        while (i < text.length() && chars.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
