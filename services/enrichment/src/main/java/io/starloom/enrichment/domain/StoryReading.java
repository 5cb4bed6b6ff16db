package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.starloom.enrichment.knowledge.FigureData;
import io.starloom.enrichment.knowledge.Knowledge;
import io.starloom.enrichment.knowledge.Mention;
import io.starloom.enrichment.knowledge.MythData;
import io.starloom.enrichment.knowledge.Target;
import io.starloom.enrichment.knowledge.Target.Kind;

/**
 * What a whole story is about, read the way a director would before cutting it into shots: which myths it
 * tells (named, called up by a cue such as "a bridge of magpies", or by two of their figures), and its cast
 * in order of first mention. Chinese and Western sky stay apart: a story of a Chinese myth sees its
 * figures' Chinese asterisms.
 *
 * @param myths the myths told, the main one first
 * @param cast figures mentioned anywhere, in order of first mention, with how often
 */
record StoryReading(List<MythData> myths, LinkedHashMap<String, Integer> cast) {

    static StoryReading of(List<List<Mention>> sentenceMentions, Knowledge knowledge) {
        Map<String, Integer> mythScore = new HashMap<>();
        LinkedHashMap<String, Integer> cast = new LinkedHashMap<>();
        Map<String, Integer> firstMention = new HashMap<>();
        int order = 0;
        for (List<Mention> mentions : sentenceMentions) {
            for (Mention mention : mentions) {
                for (Target target : mention.targets()) {
                    if (target.kind() == Kind.MYTH) {
                        mythScore.merge(target.id(), 10, Integer::sum);
                        firstMention.putIfAbsent(target.id(), order++);
                    } else if (target.kind() == Kind.FIGURE) {
                        cast.merge(target.id(), 1, Integer::sum);
                    }
                }
            }
        }
        // Figures vote for the myths they belong to: two figures of one myth call it up.
        for (String figure : cast.keySet()) {
            for (String myth : knowledge.mythsOf(figure)) {
                mythScore.merge(myth, 3, Integer::sum);
                firstMention.putIfAbsent(myth, order++);
            }
        }
        Set<String> active = new LinkedHashSet<>();
        mythScore.entrySet().stream()
                .filter(e -> e.getValue() >= 6)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(e -> firstMention.get(e.getKey())))
                .forEach(e -> active.add(e.getKey()));
        // A lone figure calls up the myth it leads (Kuafu, Nüwa) when no told myth already has it in its cast.
        for (String figure : cast.keySet()) {
            boolean covered = active.stream().anyMatch(m -> knowledge.myth(m).map(d -> d.figures().contains(figure)).orElse(false));
            if (!covered) {
                knowledge.mythsOf(figure).stream()
                        .filter(m -> knowledge.myth(m).map(d -> d.figures().get(0).equals(figure)).orElse(false))
                        .findFirst().ifPresent(active::add);
            }
        }
        List<MythData> myths = new ArrayList<>();
        active.forEach(id -> knowledge.myth(id).ifPresent(myths::add));
        // A vague word ("怪物", "the monster") is the figure of this story it most likely means: one of the
        // cast, or of the told myths' cast, in the keyword's order of preference; that figure joins the cast.
        for (List<Mention> mentions : sentenceMentions) {
            for (Mention mention : mentions) {
                if (mention.is(Kind.FIGURE)) {
                    continue;
                }
                for (Target target : mention.targets()) {
                    if (target.kind() == Kind.KEYWORD) {
                        knowledge.keyword(target.id()).filter(k -> k.kind().equals("vague"))
                                .flatMap(k -> standIn(k, cast, myths, knowledge))
                                .ifPresent(figure -> cast.merge(figure, 1, Integer::sum));
                    }
                }
            }
        }
        return new StoryReading(List.copyOf(myths), cast);
    }

    /** The figure a vague word stands for in a story with this cast and these myths, if any. */
    static java.util.Optional<String> standIn(io.starloom.enrichment.knowledge.KeywordData keyword, Map<String, Integer> cast,
            List<MythData> myths, Knowledge knowledge) {
        List<String> candidates = new ArrayList<>(cast.keySet());
        myths.forEach(m -> m.figures().stream().filter(f -> !candidates.contains(f)).forEach(candidates::add));
        for (String preferred : keyword.prefer()) {
            for (String id : candidates) {
                FigureData figure = knowledge.figure(id).orElse(null);
                if (figure != null && (figure.id().equals(preferred) || figure.kind().equals(preferred))) {
                    return java.util.Optional.of(id);
                }
            }
        }
        return java.util.Optional.empty();
    }

    boolean chineseSky() {
        return !myths.isEmpty() && myths.get(0).chinese();
    }

    /** The main myth's figures the story mentions, in the myth's order: who a shot shows when its beat names no one. */
    List<String> protagonists(boolean plural) {
        int count = plural ? 2 : 1;
        if (myths.isEmpty()) {
            return List.copyOf(cast.keySet()).subList(0, Math.min(count, cast.size()));
        }
        return myths.get(0).figures().stream().filter(cast::containsKey).limit(count).toList();
    }

    /** The cast, most mentioned first, at most {@code max}. */
    List<String> bible(int max, Knowledge knowledge) {
        return cast.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue()))
                .limit(max).map(Map.Entry::getKey)
                .filter(id -> knowledge.figure(id).isPresent())
                .toList();
    }

    boolean tells(String mythId) {
        return myths.stream().anyMatch(m -> m.id().equals(mythId));
    }
}
