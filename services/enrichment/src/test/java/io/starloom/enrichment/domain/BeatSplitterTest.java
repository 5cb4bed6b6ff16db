package io.starloom.enrichment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;

class BeatSplitterTest {
    private static final Language ZH = Language.LANGUAGE_ZH;
    private static final Language EN = Language.LANGUAGE_EN;
    private final ReadingBudget budget = new ReadingBudget(4.5, 2.8, 5);
    private final BeatSplitter splitter = new BeatSplitter(budget);

    @Test
    void oneBeatPerSentenceThatFitsAShot() {
        assertEquals(List.of("银河横贯夜空。", "仙后座高坐王座！", "海怪会来吗？"),
                splitter.split("银河横贯夜空。仙后座高坐王座！海怪会来吗？", ZH));
        assertEquals(List.of("The Hare darts through the frosted grass.", "Orion sinks below the west."),
                splitter.split("The Hare darts through the frosted grass. Orion sinks below the west.", EN));
    }

    @Test
    void aLongSentenceIsCutAtCommasIntoEvenParts() {
        // 9 + 4 + 5 + 11 characters: 13 | 16 is more even than 18 | 11.
        assertEquals(List.of("两颗星缓缓走上桥头，终于相会，", "而天亮之前，他们又要各自回到银河两岸。"),
                splitter.split("两颗星缓缓走上桥头，终于相会，而天亮之前，他们又要各自回到银河两岸。", ZH));
    }

    @Test
    void semicolonsComeBeforeCommas() {
        List<String> beats = splitter.split("牵牛星挑着一双儿女，在河的这一岸久久凝望；织女星停下手中的织机，泪光映着星光。", ZH);
        assertEquals(List.of("牵牛星挑着一双儿女，在河的这一岸久久凝望；", "织女星停下手中的织机，泪光映着星光。"), beats);
    }

    @Test
    void aSentenceWithoutPunctuationIsCutBetweenCharactersNotTruncated() {
        String text = "从前有一位年轻的牧人每天夜里都坐在河边仰望星空数着银河里的每一颗星星直到天亮";
        List<String> beats = splitter.split(text, ZH);
        assertEquals(2, beats.size());
        assertEquals(text, String.join("", beats));
        beats.forEach(beat -> assertTrue(budget.fits(beat, ZH), beat));
    }

    @Test
    void englishWordsAreNeverCutApart() {
        String text = "and the gods set both of them in the sky on opposite sides so that when the Scorpion rises in the east Orion sinks below the west";
        List<String> beats = splitter.split(text, EN);
        assertEquals(2, beats.size());
        assertEquals(text, String.join(" ", beats));
        beats.forEach(beat -> assertTrue(budget.fits(beat, EN), beat));
    }

    @Test
    void veryShortSentencesJoinTheirNeighbour() {
        assertEquals(List.of("突然。海怪利维坦破浪而出。"), splitter.split("突然。海怪利维坦破浪而出。", ZH));
        assertEquals(List.of("He falls. The gods set him in the sky."), splitter.split("He falls. The gods set him in the sky.", EN));
    }

    @Test
    void aVagueLineIsStillOneBeat() {
        assertEquals(List.of("有个怪物出来了"), splitter.split("有个怪物出来了\n", ZH));
    }

    @Test
    void punctuationAloneMakesNoBeat() {
        assertEquals(List.of(), splitter.split("。！？……", ZH));
    }

    @Test
    void lineBreaksEndSentencesAndQuotesStayWithTheirSentence() {
        assertEquals(List.of("织女说：“回来吧。”", "牛郎点点头"), splitter.split("织女说：“回来吧。”牛郎点点头", ZH));
        assertEquals(List.of("夜空中银河横贯", "仙后座高坐王座"), splitter.split("夜空中银河横贯\n仙后座高坐王座", ZH));
        assertEquals(List.of("Pi is 3.14 and nobody minds."), splitter.split("Pi is 3.14 and nobody minds.", EN));
    }

    @Test
    void beatsBeyondTheShotLimitMergeTheShortestNeighbouringPairFirst() {
        String text = "银河横贯夜空。仙后座高坐王座。海怪会来吗。英仙座挥剑斩海怪。众星一齐欢呼。";
        List<String> sentences = List.of("银河横贯夜空。", "仙后座高坐王座。", "海怪会来吗。", "英仙座挥剑斩海怪。", "众星一齐欢呼。");
        assertEquals(sentences, splitter.split(text, ZH));
        assertEquals(sentences, splitter.split(text, ZH, 5), "nothing to merge within the limit");
        // 6 7 5 8 6: the pair 7 + 5 is the shortest; then 8 + 6; then 6 + 12.
        assertEquals(List.of("银河横贯夜空。", "仙后座高坐王座。海怪会来吗。", "英仙座挥剑斩海怪。", "众星一齐欢呼。"), splitter.split(text, ZH, 4));
        assertEquals(List.of("银河横贯夜空。", "仙后座高坐王座。海怪会来吗。", "英仙座挥剑斩海怪。众星一齐欢呼。"), splitter.split(text, ZH, 3));
        assertEquals(List.of("银河横贯夜空。仙后座高坐王座。海怪会来吗。", "英仙座挥剑斩海怪。众星一齐欢呼。"), splitter.split(text, ZH, 2));
        assertEquals(List.of(text), splitter.split(text, ZH, 1));
    }

    @Test
    void mergedBeatsKeepWordsApart() {
        String english = "The Hare darts away. Orion sinks slowly. The Scorpion rises in the east.";
        assertEquals(List.of("The Hare darts away. Orion sinks slowly.", "The Scorpion rises in the east."), splitter.split(english, EN, 2));
        assertEquals(List.of("织女星 Vega 闪烁。Altair 在东。"), splitter.split("织女星 Vega 闪烁。\nAltair 在东。", ZH, 1));
        assertEquals(List.of("Vega Altair"), splitter.split("Vega\nAltair", ZH, 1));
    }
}
