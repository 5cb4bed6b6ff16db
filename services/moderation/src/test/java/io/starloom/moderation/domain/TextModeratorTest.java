package io.starloom.moderation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Verdict;

class TextModeratorTest {
    private final TextModerator moderator = new TextModerator(new WordListScreener());

    @Test
    void cleanTextsAreAllowed() {
        Judgement judgement = moderator.judge(List.of(WordListScreenerTest.sample("andromeda.zh.txt"), "Orion hunts on the winter plain."));
        assertEquals(Verdict.VERDICT_ALLOW, judgement.verdict());
        assertEquals(List.of(), judgement.findings());
    }

    @Test
    void anyFindingInAnyTextBlocksAndSpansReferToTheirOwnText() {
        Judgement judgement = moderator.judge(List.of("七夕之夜，银河如练。", "a cinematic sky, porn", "色情"));
        assertEquals(Verdict.VERDICT_BLOCK, judgement.verdict());
        assertEquals(List.of("porn", "色情"), judgement.findings().stream().map(Finding::getTerm).toList());
        assertEquals(17, judgement.findings().get(0).getStart());
        assertEquals(0, judgement.findings().get(1).getStart());
    }
}
