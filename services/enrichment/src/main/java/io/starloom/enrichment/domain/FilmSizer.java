package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;

/**
 * Fits a story's sentences into one film. A story with more narration than the longest film carries is
 * condensed, never refused or turned into a 200-shot film: its first and last beats and those that name
 * the most of its figures and myths are kept in story order, the rest left out and listed, with the number
 * of films the whole story would need. A story with less narration than the wanted length gets its longest
 * beats cut in two at a clause, so each shot still narrates at reading pace.
 */
final class FilmSizer {
    private FilmSizer() {
    }

    /**
     * The beats kept (indices into {@code beats}, in story order) when a story has more beats than a film has
     * shots: the first and the last, then those that name the most of the story's figures and myths.
     */
    static List<Integer> condense(List<String> beats, List<Integer> salience, Language language, int maxBeats) {
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < beats.size(); i++) {
            ranked.add(i);
        }
        if (beats.size() <= maxBeats) {
            return ranked;
        }
        int last = beats.size() - 1;
        ranked.sort(Comparator.comparingInt((Integer i) -> i == 0 ? Integer.MIN_VALUE : i == last ? Integer.MIN_VALUE + 1 : -salience.get(i))
                .thenComparingInt(i -> i));
        List<Integer> kept = new ArrayList<>(ranked.subList(0, maxBeats));
        kept.sort(Integer::compareTo);
        return kept;
    }

    /** Cuts the longest beats in two until there are {@code wanted} beats or no beat can be cut. */
    static List<String> lengthen(List<String> beats, Language language, int wanted) {
        List<String> out = new ArrayList<>(beats);
        while (out.size() < wanted) {
            int longest = -1;
            int most = 1;
            for (int i = 0; i < out.size(); i++) {
                int units = ReadingBudget.units(out.get(i), language);
                if (units > most) {
                    most = units;
                    longest = i;
                }
            }
            if (longest < 0) {
                break;
            }
            String[] halves = halve(out.get(longest), language);
            if (halves == null) {
                break;
            }
            out.set(longest, halves[0]);
            out.add(longest + 1, halves[1]);
        }
        return out;
    }

    /** Two halves of a beat, cut at the clause mark or word nearest its middle; null when it cannot be cut. */
    static String[] halve(String beat, Language language) {
        int total = ReadingBudget.units(beat, language);
        int best = -1;
        int bestScore = Integer.MAX_VALUE;
        for (int i = 1; i < beat.length() - 1; i++) {
            char c = beat.charAt(i);
            boolean clause = "，,、；;：:".indexOf(c) >= 0;
            boolean space = c == ' ';
            boolean cjk = language == Language.LANGUAGE_ZH && Character.isLetter(c) && !Character.isLowSurrogate(c)
                    && io.starloom.mesh.support.narration.Scripts.isHan(c);
            if (!clause && !space && !cjk) {
                continue;
            }
            int cut = clause ? i + 1 : i;
            int left = ReadingBudget.units(beat.substring(0, cut), language);
            if (left == 0 || left == total) {
                continue;
            }
            int score = Math.abs(2 * left - total) * 4 + (clause ? 0 : space ? 2 : 6);
            if (score < bestScore) {
                bestScore = score;
                best = cut;
            }
        }
        if (best < 0) {
            return null;
        }
        return new String[] { beat.substring(0, best).strip(), beat.substring(best).strip() };
    }
}
