package io.starloom.moderation.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.houbb.sensitive.word.api.IWordData;
import com.github.houbb.sensitive.word.api.context.InnerSensitiveWordContext;
import com.github.houbb.sensitive.word.bs.SensitiveWordContext;
import com.github.houbb.sensitive.word.constant.enums.WordContainsTypeEnum;
import com.github.houbb.sensitive.word.support.data.WordDatas;

/**
 * Every entry of the lexicon (built-in lists plus what operators added), folded and loaded into
 * com.github.houbb:sensitive-word's word tree, which finds them in a {@link FoldedText}. The folding is
 * ours ({@link FoldedText} does case, width, traditional characters, repeats, homoglyphs, leetspeak and
 * separators, and keeps the way back to the original offsets), so the library's own normalisation stays
 * off and the tree matches folded letters exactly. Immutable: a change of the lists compiles a new one.
 *
 * <p>The text is walked through the library's tree directly rather than with {@code SensitiveWordBs.findAll}:
 * findAll reports only the shortest entry at a position and skips past it (of "kill" and "kill yourself"
 * only "kill" would be seen), and its per-character pipeline costs about 4 ms for a 2,000-character story;
 * the walk below finds every entry at every position in well under a millisecond.
 */
final class CompiledLexicon {
    private final Map<String, List<Meaning>> meanings;
    private final IWordData denied;
    private final IWordData allowed;
    private final InnerSensitiveWordContext exact;

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
        this.denied = tree(deny);
        this.allowed = tree(allow);
        // Exact matching of folded letters: the library's repeat skipping is ours already (FoldedText).
        this.exact = InnerSensitiveWordContext.newInstance().wordContext(SensitiveWordContext.newInstance().ignoreRepeat(false));
    }

    /** A lexicon entry ready to compile: its folded letters and what a match means. */
    record Entry(String folded, Meaning meaning) {
    }

    private static IWordData tree(List<String> words) {
        IWordData tree = WordDatas.tree();
        tree.initWordData(words.stream().distinct().toList());
        return tree;
    }

    /**
     * Every match in {@code text} that stands as a word where it has to: Latin-script entries start and end
     * at word boundaries (an open-ended one runs to the end of its word), Chinese ones may sit anywhere.
     * Matches inside an allow-list match are dropped.
     */
    List<Hit> find(FoldedText text) {
        String letters = text.letters();
        List<int[]> allowedSpans = new ArrayList<>();
        walk(allowed, letters, (start, end) -> {
            for (Meaning meaning : meanings.getOrDefault(letters.substring(start, end), List.of())) {
                int stop = spanEnd(text, letters, start, end, meaning);
                if (stop >= 0) {
                    allowedSpans.add(new int[] { start, stop });
                }
            }
        });
        List<Hit> hits = new ArrayList<>();
        walk(denied, letters, (start, end) -> {
            for (Meaning meaning : meanings.getOrDefault(letters.substring(start, end), List.of())) {
                int stop = spanEnd(text, letters, start, end, meaning);
                if (stop >= 0 && meaning.kind() != Meaning.Kind.ALLOW && allowedSpans.stream().noneMatch(a -> a[0] <= start && stop <= a[1])) {
                    hits.add(new Hit(meaning, start, stop, text.sentenceOf(start)));
                }
            }
        });
        return hits;
    }

    @FunctionalInterface
    private interface MatchSink {
        void accept(int start, int end);
    }

    /** Every entry of {@code tree} at every position: each start is extended until the tree has no such prefix. */
    private void walk(IWordData tree, String letters, MatchSink sink) {
        StringBuilder prefix = new StringBuilder(32);
        for (int start = 0; start < letters.length(); start++) {
            prefix.setLength(0);
            for (int end = start; end < letters.length(); end++) {
                prefix.append(letters.charAt(end));
                WordContainsTypeEnum found = tree.contains(prefix, exact);
                if (found == WordContainsTypeEnum.NOT_FOUND) {
                    break;
                }
                if (found == WordContainsTypeEnum.CONTAINS_END) {
                    sink.accept(start, end + 1);
                }
            }
        }
    }

    /** Where the match ends, or -1 where a Latin-script entry does not stand as a word there. */
    private static int spanEnd(FoldedText text, String letters, int start, int end, Meaning meaning) {
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
}
