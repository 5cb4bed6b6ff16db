package io.starloom.enrichment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Style;

class TitleWriterTest {
    /** 4,000 characters of Chinese without a single punctuation mark or space. */
    private static final String UNPUNCTUATED_ZH = "从前有一位年轻的牧人每天夜里都坐在河边仰望星空".repeat(200).substring(0, 4000);
    /** 4,000 characters of English words without punctuation. */
    private static final String UNPUNCTUATED_EN = "long ago a young herdsman sat by the river every night counting stars ".repeat(60).substring(0, 4000);

    @Test
    void wholeOpeningClausesThatFit() {
        assertEquals("安德洛墨达被锁在海边岩石上", TitleWriter.titleOf("安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。", Language.LANGUAGE_ZH));
        assertEquals("七夕之夜，银河如练", TitleWriter.titleOf("七夕之夜，银河如练。", Language.LANGUAGE_ZH));
        assertEquals("Orion, the great hunter", TitleWriter.titleOf(
                "Orion, the great hunter, strides across the winter plain with his club raised.", Language.LANGUAGE_EN));
    }

    @Test
    void aLongOpeningClauseIsCutAndMarkedWithinOneLine() {
        assertEquals("从前有一位年轻的牧人每天夜里都…",
                TitleWriter.titleOf("从前有一位年轻的牧人每天夜里都坐在河边仰望星空", Language.LANGUAGE_ZH));
        assertEquals("Long ago a young herdsman sat by the…",
                TitleWriter.titleOf("Long ago a young herdsman sat by the river every night counting stars.", Language.LANGUAGE_EN));
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = { "LANGUAGE_ZH", "LANGUAGE_EN" })
    void aStoryWithoutPunctuationStillGetsAOneLineTitle(Language language) {
        assertEquals("从前有一位年轻的牧人每天夜里都…", TitleWriter.titleOf(UNPUNCTUATED_ZH, language));
        assertOneLine(TitleWriter.titleOf(UNPUNCTUATED_EN, language), TitleWriter.LATIN_LINE);
    }

    @Test
    void anEnglishStoryWithoutPunctuationKeepsWholeWords() {
        assertEquals("long ago a young herdsman sat by the…", TitleWriter.titleOf(UNPUNCTUATED_EN, Language.LANGUAGE_EN));
        assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…", TitleWriter.titleOf("a".repeat(4000), Language.LANGUAGE_EN),
                "a word longer than a line is cut inside");
    }

    @Test
    void theStoryboardOfAnUnpunctuatedStoryHasAOneLineTitle() {
        StoryboardPlanner planner = Samples.planner();
        // Said to be English, unspaced Chinese is one word: one shot, and once a title of 4,000 characters.
        String zh = planner.plan(new StoryInput(UNPUNCTUATED_ZH, Language.LANGUAGE_EN, Style.STYLE_UNSPECIFIED, "story-1")).getTitle();
        assertOneLine(zh, TitleWriter.CJK_LINE);
        String en = planner.plan(new StoryInput("x".repeat(4000), Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "story-2"))
                .getTitle();
        assertOneLine(en, TitleWriter.LATIN_LINE);
    }

    private static void assertOneLine(String title, int line) {
        assertTrue(!title.isBlank() && title.codePointCount(0, title.length()) <= line, title);
    }
}
