package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubtitleLineBreakerTest {
    private static final String CLOSING = "，。！？、；：」』）》”…—";
    private static final String OPENING = "「『（《“";

    @Test
    void shortChineseStaysOnOneLine() {
        assertEquals(List.of("夜空中银河横贯。"), SubtitleLineBreaker.lines("  夜空中银河横贯。 \n"));
    }

    @Test
    void chineseBreaksAfterSixteenCharacters() {
        String text = "安德洛墨达被锁在海边岩石上夜空中银河横贯仙后座高坐王座海怪破浪而出";
        assertEquals(List.of("安德洛墨达被锁在海边岩石上夜空中", "银河横贯仙后座高坐王座海怪", "破浪而出"), SubtitleLineBreaker.lines(text));
    }

    @Test
    void closingPunctuationNeverStartsALine() {
        // The 17th character is a comma: it stays with its clause and the 16th character moves down with it.
        String text = "安德洛墨达被锁在海边那块岩石之上，夜空中银河横贯";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of("安德洛墨达被锁在海边那块", "岩石之上，夜空中银河横贯"), lines);
    }

    @Test
    void aRunOfClosingPunctuationStaysTogether() {
        // 。」 are characters 17–18: neither the full stop nor the closing bracket may start the next line.
        String text = "她轻声说道：「银河今夜多么明亮呀。」牵牛星久久凝望";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of("她轻声说道：", "「银河今夜多么明亮呀。」", "牵牛星久久凝望"), lines);
    }

    @Test
    void openingPunctuationNeverEndsALine() {
        // The 16th character opens a bracket: it moves to the next line with what it opens.
        String text = "冬季夜空中猎户座高举弓箭脚下是（天兔座）";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of("冬季夜空中猎户座高举弓箭脚下是", "（天兔座）"), lines);
    }

    @Test
    void ellipsisIsNeitherSplitNorAtALineStart() {
        String text = "银河缓缓流淌星光一闪一闪照亮大地……而天亮之前";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of("银河缓缓流淌星光一闪一闪", "照亮大地……而天亮之前"), lines);
    }

    @Test
    void latinWordsInsideChineseStayWhole() {
        // "M31" would straddle the 16-character limit: it moves to the next line whole.
        String text = "仙女座星系又名梅西耶天体编号M31距离我们二百五十万光年";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of("仙女座星系又名梅西耶天体编号", "M31距离我们二百五十万光年"), lines);
    }

    @Test
    void spacesAtAChineseLineBreakAreDropped() {
        String text = "仙女座星系又名梅西耶天体编号 M31 距离我们二百五十万光年";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of("仙女座星系又名梅西耶天体编号", "M31 距离我们二百五十万光年"), lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。突然，海怪利维坦破浪而出，天空电闪雷鸣。",
        "七夕之夜，银河如练。牵牛星挑着一双儿女，在河的这一岸久久凝望；织女星停下手中的织机，泪光映着星光。成千上万只喜鹊从四方飞来，"
                + "在银河上搭起一座鹊桥。两颗星缓缓走上桥头，终于相会，而天亮之前，他们又要各自回到银河两岸。",
        "冬季夜空中，猎户座高举弓箭，脚下是奔跑的兔子（天兔座），背后是追逐他的天蝎。三颗主星组成腰带，闪耀如银钉。",
        "“你看，”她说，“那是《诗经》里的织女星！”他回答：「是啊……」——然后沉默了。",
        "有个怪物出来了"
    })
    void everyChineseLineHonoursTheRulesAndNoTextIsLost(String text) {
        List<String> lines = SubtitleLineBreaker.lines(text);
        for (String line : lines) {
            assertTrue(line.codePointCount(0, line.length()) <= 16, "too long: " + line);
            assertFalse(CLOSING.indexOf(line.codePointAt(0)) >= 0, "starts with closing punctuation: " + line);
            assertFalse(OPENING.indexOf(line.codePointBefore(line.length())) >= 0, "ends with opening punctuation: " + line);
        }
        assertEquals(text, String.join("", lines));
        lines.subList(0, lines.size() - 1).forEach(line -> assertTrue(line.length() >= 6, "no stub lines: " + lines));
    }

    @Test
    void anIdiomThatIcuSplitsStaysWhole() {
        // The measured defect: "…天空电 / 闪雷鸣。". ICU segments the idiom as 电|闪|雷鸣.
        assertEquals(List.of("突然，海怪利维坦破浪而出，", "天空电闪雷鸣。"), SubtitleLineBreaker.lines("突然，海怪利维坦破浪而出，天空电闪雷鸣。"));
        // With no punctuation to break at, the line still ends before the idiom, not inside it.
        List<String> lines = SubtitleLineBreaker.lines("那一夜海面上空忽然之间电闪雷鸣风雨交加");
        assertTrue(lines.stream().noneMatch(line -> line.endsWith("电") || line.endsWith("电闪") || line.endsWith("电闪雷")), lines.toString());
        assertTrue(String.join("|", lines).contains("电闪雷鸣"), lines.toString());
    }

    @Test
    void clausesAreWhereChineseLinesBreakFirst() {
        assertEquals(List.of("安德洛墨达被锁在海边岩石上，", "夜空中银河横贯，仙后座高坐王座。"),
                SubtitleLineBreaker.lines("安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。"));
    }

    @Test
    void aTransliteratedNameIsNotCutWhenAWordBoundaryWillDo() {
        List<String> lines = SubtitleLineBreaker.lines("英雄珀耳修斯骑着飞马佩加索斯从远方飞来救她");
        assertTrue(lines.stream().noneMatch(line -> line.endsWith("佩") || line.endsWith("珀耳")), lines.toString());
    }

    @Test
    void shortEnglishStaysOnOneLine() {
        assertEquals(List.of("Orion hunts on the winter plain."), SubtitleLineBreaker.lines("Orion hunts on the winter plain."));
    }

    @Test
    void englishBreaksAtSpacesWithinFortyTwoCharacters() {
        String text = "Orion, the great hunter, strides across the winter plain with his club raised, his three-star belt shining like silver nails.";
        List<String> lines = SubtitleLineBreaker.lines(text);
        assertEquals(List.of(
                "Orion, the great hunter, strides across",
                "the winter plain with his club raised, his",
                "three-star belt shining like silver nails."), lines);
        lines.forEach(line -> assertTrue(line.length() <= 42, line));
    }

    @Test
    void aLineOfExactlyFortyTwoCharactersIsKept() {
        String fortyTwo = "abcdefghij abcdefghij abcdefghij abcdefghi"; // 42
        assertEquals(42, fortyTwo.length());
        assertEquals(List.of(fortyTwo, "x"), SubtitleLineBreaker.lines(fortyTwo + " x"));
    }

    @Test
    void aWordLongerThanALineIsCut() {
        String word = "Pneumonoultramicroscopicsilicovolcanoconiosis-and-more"; // 54 characters
        assertEquals(List.of("The", word.substring(0, 42), word.substring(42) + " dust"),
                SubtitleLineBreaker.lines("The " + word + " dust"));
    }

    @Test
    void whitespaceRunsCollapseAndBlankNarrationHasNoLines() {
        assertEquals(List.of("the Hare darts through the frosted grass"),
                SubtitleLineBreaker.lines(" the  Hare\tdarts\nthrough the\u3000frosted grass "));
        assertEquals(List.of(), SubtitleLineBreaker.lines(" \u3000\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "At his feet the Hare darts through the frosted grass. Far behind him, the Scorpion creeps out of the earth, sent by the goddess he angered.",
        "In the third night the sting finds its mark; the hunter falls, and the gods set both of them in the sky, on opposite sides.",
        "Cassiopeia sits on her throne."
    })
    void everyEnglishLineHonoursTheRulesAndNoTextIsLost(String text) {
        List<String> lines = SubtitleLineBreaker.lines(text);
        lines.forEach(line -> assertTrue(line.length() <= 42 && !line.startsWith(" ") && !line.endsWith(" "), line));
        assertEquals(text, String.join(" ", lines));
    }
}
