package io.starloom.enrichment.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Every name of the knowledge base in one Aho–Corasick automaton: a text is scanned once, whatever the
 * number of names. Names in Latin script match whole words only; overlapping matches keep the longest
 * ("magpie bridge" over "magpie", "织女星" over "织女").
 */
final class Lexicon {
    private final Trie trie;
    private final Map<String, List<Target>> targets;

    private Lexicon(Trie trie, Map<String, List<Target>> targets) {
        this.trie = trie;
        this.targets = targets;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The names in {@code folded} (a {@link TextFolding#fold folded} text), in text order, without overlaps. */
    List<Mention> scan(String folded) {
        Collection<Emit> emits = trie.parseText(folded);
        List<Emit> whole = new ArrayList<>();
        for (Emit emit : emits) {
            if (wholeWord(folded, emit)) {
                whole.add(emit);
            }
        }
        // Myth names and cues are chosen among themselves, so that "a bridge made of magpies' wings" calls up
        // Qixi and still shows the magpies.
        List<Mention> mentions = new ArrayList<>();
        mentions.addAll(longestFirst(whole.stream().filter(e -> !onlyMyth(e)).toList(), folded.length()));
        mentions.addAll(longestFirst(whole.stream().filter(this::onlyMyth).toList(), folded.length()));
        mentions.sort(Comparator.comparingInt(Mention::start));
        return mentions;
    }

    private boolean onlyMyth(Emit emit) {
        return targets.get(emit.getKeyword()).stream().allMatch(t -> t.kind() == Target.Kind.MYTH);
    }

    private List<Mention> longestFirst(List<Emit> emits, int length) {
        List<Emit> sorted = new ArrayList<>(emits);
        sorted.sort(Comparator.comparingInt((Emit e) -> e.getEnd() - e.getStart()).reversed().thenComparingInt(Emit::getStart));
        boolean[] taken = new boolean[length];
        List<Mention> mentions = new ArrayList<>();
        for (Emit emit : sorted) {
            boolean free = true;
            for (int i = emit.getStart(); i <= emit.getEnd() && free; i++) {
                free = !taken[i];
            }
            if (free) {
                for (int i = emit.getStart(); i <= emit.getEnd(); i++) {
                    taken[i] = true;
                }
                mentions.add(new Mention(emit.getStart(), emit.getEnd() + 1, emit.getKeyword(), targets.get(emit.getKeyword())));
            }
        }
        return mentions;
    }

    int size() {
        return targets.size();
    }

    private static boolean wholeWord(String text, Emit emit) {
        String term = emit.getKeyword();
        if (TextFolding.isWordChar(term.codePointAt(0)) && emit.getStart() > 0
                && TextFolding.isWordChar(text.codePointBefore(emit.getStart()))) {
            return false;
        }
        int end = emit.getEnd() + 1;
        return !(TextFolding.isWordChar(term.codePointBefore(term.length())) && end < text.length()
                && TextFolding.isWordChar(text.codePointAt(end)));
    }

    static final class Builder {
        private final Map<String, List<Target>> targets = new LinkedHashMap<>();

        /** Adds a name; a name too short to mean anything on its own (one Latin letter) is skipped. */
        Builder add(String name, Target target) {
            if (name == null) {
                return this;
            }
            String folded = TextFolding.fold(name);
            if (folded.isEmpty() || folded.length() < 2 && TextFolding.isWordChar(folded.codePointAt(0))) {
                return this;
            }
            List<Target> list = targets.computeIfAbsent(folded, k -> new ArrayList<>());
            if (!list.contains(target)) {
                list.add(target);
            }
            return this;
        }

        Lexicon build() {
            Trie.TrieBuilder builder = Trie.builder();
            targets.keySet().forEach(builder::addKeyword);
            Map<String, List<Target>> frozen = new LinkedHashMap<>();
            targets.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            return new Lexicon(builder.build(), frozen);
        }
    }
}
