package io.starloom.moderation.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Verdict;
import io.vertx.core.json.JsonObject;

/**
 * Precision and recall per action over the labelled sets in src/test/resources/safety: the tuning split
 * (labelled-text.jsonl, whose misses are printed to tune the lexicon) and the held-out split
 * (labelled-text-holdout.jsonl, reported only as figures, never looked at case by case while tuning).
 * Targets from the issue: block recall at least 0.98, allowed myth text blocked by mistake at most 2 %.
 * The table printed here is the one in docs/safety.md.
 */
class LabelledSetTest {
    private static final TextModerator MODERATOR = new TextModerator(new Lexicon(), Policies.defaults());
    private static final List<Verdict> ACTIONS = List.of(Verdict.VERDICT_ALLOW, Verdict.VERDICT_REVIEW, Verdict.VERDICT_BLOCK);

    record Case(String text, Language language, Verdict expected, String category, String note) {
    }

    record Scores(int cases, Map<Verdict, int[]> confusion) {
        /** confusion.get(expected)[actual ordinal in ACTIONS] */
        double recall(Verdict action) {
            int[] row = confusion.get(action);
            int total = row[0] + row[1] + row[2];
            return total == 0 ? 1 : (double) row[ACTIONS.indexOf(action)] / total;
        }

        double precision(Verdict action) {
            int column = ACTIONS.indexOf(action);
            int predicted = confusion.values().stream().mapToInt(row -> row[column]).sum();
            return predicted == 0 ? 1 : (double) confusion.get(action)[column] / predicted;
        }

        double allowedBlocked() {
            int[] row = confusion.get(Verdict.VERDICT_ALLOW);
            return (double) row[2] / (row[0] + row[1] + row[2]);
        }

        int count(Verdict action) {
            int[] row = confusion.get(action);
            return row[0] + row[1] + row[2];
        }
    }

    private static Scores tune;
    private static Scores holdout;

    @BeforeAll
    static void score() throws IOException {
        tune = score(load("safety/labelled-text.jsonl"), true);
        holdout = score(load("safety/labelled-text-holdout.jsonl"), false);
        System.out.println(table("tuning split", tune));
        System.out.println(table("held-out split", holdout));
    }

    @Test
    void theSetsAreLargeAndCoverBothLanguagesAndEveryAction() throws IOException {
        List<Case> all = new ArrayList<>(load("safety/labelled-text.jsonl"));
        all.addAll(load("safety/labelled-text-holdout.jsonl"));
        assertTrue(all.size() >= 200, "cases: " + all.size());
        for (Language language : List.of(Language.LANGUAGE_ZH, Language.LANGUAGE_EN)) {
            for (Verdict action : ACTIONS) {
                long n = all.stream().filter(c -> c.language() == language && c.expected() == action).count();
                assertTrue(n >= 10, language + " " + action + ": " + n);
            }
        }
    }

    @Test
    void blockRecallIsAtLeast98Percent() {
        assertTrue(tune.recall(Verdict.VERDICT_BLOCK) >= 0.98, "tuning block recall " + tune.recall(Verdict.VERDICT_BLOCK));
        assertTrue(holdout.recall(Verdict.VERDICT_BLOCK) >= 0.98, "held-out block recall " + holdout.recall(Verdict.VERDICT_BLOCK));
    }

    @Test
    void atMostTwoPercentOfAllowedMythTextIsBlocked() {
        assertTrue(tune.allowedBlocked() <= 0.02, "tuning allowed blocked " + tune.allowedBlocked());
        assertTrue(holdout.allowedBlocked() <= 0.02, "held-out allowed blocked " + holdout.allowedBlocked());
    }

    @Test
    void reviewCasesAreNotAllowed() {
        // The measured defect: every review case was allowed. Most must now reach a person (or be blocked).
        for (Scores scores : List.of(tune, holdout)) {
            int[] row = scores.confusion().get(Verdict.VERDICT_REVIEW);
            assertTrue(row[0] <= (row[0] + row[1] + row[2]) / 10, "review cases allowed: " + row[0]);
        }
    }

    private static Scores score(List<Case> cases, boolean printMisses) {
        Map<Verdict, int[]> confusion = new EnumMap<>(Verdict.class);
        ACTIONS.forEach(action -> confusion.put(action, new int[3]));
        for (Case c : cases) {
            Judgement judgement = MODERATOR.judge(List.of(new ScreenedText(c.text(), "")), "", c.language());
            confusion.get(c.expected())[ACTIONS.indexOf(judgement.verdict())]++;
            if (printMisses && judgement.verdict() != c.expected()) {
                System.out.printf("MISS expected %s got %s [%s] %s -> %s%n", c.expected(), judgement.verdict(), c.note(), c.text(),
                        judgement.findings().stream().map(f -> f.getRule() + ":" + f.getTerm()).toList());
            }
        }
        return new Scores(cases.size(), confusion);
    }

    private static String table(String name, Scores scores) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%s (%d cases)%n| action | cases | precision | recall |%n|---|---|---|---|%n",
                name, scores.cases()));
        for (Verdict action : ACTIONS) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", action.name().substring("VERDICT_".length()).toLowerCase(Locale.ROOT),
                    scores.count(action), scores.precision(action), scores.recall(action)));
        }
        out.append(String.format(Locale.ROOT, "allowed text blocked: %.1f %%; confusion (rows expected allow/review/block, columns actual): %s %s %s%n",
                100 * scores.allowedBlocked(), java.util.Arrays.toString(scores.confusion().get(Verdict.VERDICT_ALLOW)),
                java.util.Arrays.toString(scores.confusion().get(Verdict.VERDICT_REVIEW)),
                java.util.Arrays.toString(scores.confusion().get(Verdict.VERDICT_BLOCK))));
        return out.toString();
    }

    static List<Case> load(String resource) throws IOException {
        try (InputStream in = LabelledSetTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).map(line -> {
                JsonObject json = new JsonObject(line);
                return new Case(json.getString("text"), json.getString("language").equals("zh") ? Language.LANGUAGE_ZH : Language.LANGUAGE_EN,
                        Verdict.valueOf("VERDICT_" + json.getString("expected").toUpperCase(Locale.ROOT)), json.getString("category"),
                        json.getString("note"));
            }).toList();
        }
    }
}
