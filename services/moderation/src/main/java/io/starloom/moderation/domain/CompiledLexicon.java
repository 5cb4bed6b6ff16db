package io.starloom.moderation.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import com.github.houbb.sensitive.word.support.resultcondition.WordResultConditions;

/**
 * Every entry of the lexicon (built-in lists plus what operators added), folded and loaded into
 * com.github.houbb:sensitive-word's DFA, which finds them in a {@link FoldedText}. The folding is ours
 * ({@link FoldedText} does case, width, traditional characters, repeats, homoglyphs, leetspeak and
 * separators, and keeps the way back to the original offsets), so the library's own normalisation is
 * switched off and it matches folded letters exactly. Immutable: a change of the lists compiles a new one.
 *
 * <p>sensitive-word 0.25 reports, at each position, the shortest entry that matches and then moves past
 * it, so of "kill" and "kill yourself" only "kill" would ever be seen. The entries are therefore spread
 * over layers in which no entry is a prefix of another, one DFA per layer, and every layer is run.
 */
final class CompiledLexicon {
    private final Map<String, List<Meaning>> meanings;
    private final List<SensitiveWordBs> denied;
    private final List<SensitiveWordBs> allowed;

    CompiledLexicon(Collection<Entry> entries) {
        Map<String, List<Meaning>> byTerm = new HashMap<>();
        List<String> deny = new ArrayList<>();
        List<String> allow = new ArrayList<>();
        for (Entry entry : entries) {
            byTerm.computeIfAbsent(entry.folded(), k -> new ArrayList<>()).add(entry.meaning());
            (entry.meaning().kind() == Meaning.Kind.ALLOW ? allow : deny).add(entry.folded());
        }
        byTerm.replaceAll((term, list) -> List.copyOf(list));
        this.meanings = Map.copyOf(byTerm);
        this.denied = layers(deny).stream().map(CompiledLexicon::matcher).toList();
        this.allowed = layers(allow).stream().map(CompiledLexicon::matcher).toList();
    }

    /** The words spread over prefix-free layers, shortest first: a word joins the first layer holding none of its prefixes. */
    private static List<List<String>> layers(List<String> words) {
        List<String> sorted = words.stream().distinct().sorted(java.util.Comparator.comparingInt(String::length)).toList();
        List<java.util.Set<String>> layers = new ArrayList<>();
        for (String word : sorted) {
            java.util.Set<String> home = null;
            for (java.util.Set<String> layer : layers) {
                boolean prefixed = false;
                for (int end = 1; end < word.length() && !prefixed; end++) {
                    prefixed = layer.contains(word.substring(0, end));
                }
                if (!prefixed) {
                    home = layer;
                    break;
                }
            }
            if (home == null) {
                home = new java.util.HashSet<>();
                layers.add(home);
            }
            home.add(word);
        }
        return layers.stream().map(layer -> (List<String>) new ArrayList<>(layer)).toList();
    }

    /** A lexicon entry ready to compile: its folded letters and what a match means. */
    record Entry(String folded, Meaning meaning) {
    }

    private static SensitiveWordBs matcher(List<String> words) {
        // Every entry is folded like the text already; the library's own folding would break the offsets.
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> words)
                .wordAllow(WordAllows.empty())
                .ignoreCase(false).ignoreWidth(false).ignoreNumStyle(false).ignoreChineseStyle(false)
                .ignoreEnglishStyle(false).ignoreRepeat(false)
                .enableNumCheck(false).enableEmailCheck(false).enableUrlCheck(false).enableIpv4Check(false)
                .enableWordCheck(true)
                .wordResultCondition(WordResultConditions.alwaysTrue())
                .init();
    }

    /**
     * Every match in {@code text} that stands as a word where it has to: Latin-script entries start and end
     * at word boundaries (an open-ended one runs to the end of its word), Chinese ones may sit anywhere.
     * Matches inside an allow-list match are dropped.
     */
    List<Hit> find(FoldedText text) {
        String letters = text.letters();
        List<int[]> allowedSpans = new ArrayList<>();
        for (IWordResult result : findAll(allowed, letters)) {
            for (Meaning meaning : meanings.getOrDefault(letters.substring(result.startIndex(), result.endIndex()), List.of())) {
                int end = spanEnd(text, letters, result, meaning);
                if (end >= 0) {
                    allowedSpans.add(new int[] { result.startIndex(), end });
                }
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (IWordResult result : findAll(denied, letters)) {
            int start = result.startIndex();
            for (Meaning meaning : meanings.getOrDefault(letters.substring(start, result.endIndex()), List.of())) {
                int end = spanEnd(text, letters, result, meaning);
                if (end >= 0 && meaning.kind() != Meaning.Kind.ALLOW && allowedSpans.stream().noneMatch(a -> a[0] <= start && end <= a[1])) {
                    hits.add(new Hit(meaning, start, end, text.sentenceOf(start)));
                }
            }
        }
        return hits;
    }

    private static List<IWordResult> findAll(List<SensitiveWordBs> layers, String letters) {
        List<IWordResult> results = new ArrayList<>();
        for (SensitiveWordBs layer : layers) {
            results.addAll(layer.findAll(letters, WordResultHandlers.raw()));
        }
        return results;
    }

    /** Where the match ends, or -1 where a Latin-script entry does not stand as a word there. */
    private static int spanEnd(FoldedText text, String letters, IWordResult result, Meaning meaning) {
        int start = result.startIndex();
        int end = result.endIndex();
        boolean latinStart = FoldedText.isLatinWordChar(letters.charAt(start));
        boolean latinEnd = FoldedText.isLatinWordChar(letters.charAt(end - 1));
        if (latinStart && !text.boundaryBefore(start)) {
            return -1;
        }
        if (latinEnd && meaning.openEnded()) {
            return text.endOfWord(end);
        }
        return latinEnd && !text.boundaryBefore(end) ? -1 : end;
    }

    int size() {
        return meanings.size();
    }
}
