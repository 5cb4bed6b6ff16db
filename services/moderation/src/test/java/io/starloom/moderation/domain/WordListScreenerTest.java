package io.starloom.moderation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;

class WordListScreenerTest {
    private static final WordListScreener SCREENER = new WordListScreener();

    static String sample(String name) {
        try (InputStream in = WordListScreenerTest.class.getClassLoader().getResourceAsStream("stories/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text a finding's span covers, counted in code points. */
    private static String covered(String text, Finding finding) {
        int from = text.offsetByCodePoints(0, finding.getStart());
        int to = text.offsetByCodePoints(0, finding.getEnd());
        return text.substring(from, to);
    }

    private static Finding only(String text) {
        List<Finding> findings = SCREENER.screen(text);
        assertEquals(1, findings.size(), () -> text + " -> " + findings);
        return findings.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "andromeda.zh.txt", "qixi.zh.txt", "orion.en.txt", "winter-sky.zh.txt", "vague.zh.txt" })
    void everySampleStoryPasses(String name) {
        assertEquals(List.of(), SCREENER.screen(sample(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "海怪利维坦破浪而出，吞噬了整艘船。", "the sting finds its mark; the hunter falls",
            "珀尔修斯挥剑斩下美杜莎的头颅，鲜血滴入大海。", "Perseus beheads Medusa and the battle rages until dawn.",
            "The Titans fought the gods for ten years; monsters tore the earth apart.",
            "暮色情调中，夜色情侣漫步。他叫做爱德华。印度支那半岛的夜空。", "Essex, Sussex and the constellation Sextans; a sextant; unisex.",
            "Orion's ex-wife watched the grapes and the drapes.", "The therapist read about Sextans.", "红色，情侣。" })
    void mythicViolenceAndInnocentLookalikesPass(String text) {
        assertEquals(List.of(), SCREENER.screen(text), text);
    }

    @Test
    void findingCarriesCategoryTermAndCodePointSpanInTheOriginal() {
        String text = "𝒜 night of porn under the stars";
        Finding finding = only(text);
        assertEquals(Category.CATEGORY_SEXUAL, finding.getCategory());
        assertEquals("porn", finding.getTerm());
        assertEquals(11, finding.getStart(), "code points, not UTF-16 units: 𝒜 counts once");
        assertEquals(15, finding.getEnd());
        assertEquals("porn", covered(text, finding));
    }

    @Test
    void chineseFindingSpan() {
        String text = "夜空下出现色情画面";
        Finding finding = only(text);
        assertEquals(Category.CATEGORY_SEXUAL, finding.getCategory());
        assertEquals(5, finding.getStart());
        assertEquals(7, finding.getEnd());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a s e x scene|s e x scene", "S.E.X!|S.E.X", "ｓｅｘ tonight|ｓｅｘ", "s\u200Bex|s\u200Bex", "SeX|SeX",
            "p*o*r*n|p*o*r*n", "PORNOGRAPHY site|PORNOGRAPHY", "pórn|pórn", "这是色 情片|色 情", "色＊情|色＊情", "色\u200B情|色\u200B情",
            "ｐｏｒｎ|ｐｏｒｎ" })
    void evasionVariantsAreCaughtAndPointAtWhatWasWritten(String text, String expectedSpan) {
        Finding finding = only(text);
        assertEquals(expectedSpan, covered(text, finding));
    }

    @Test
    void theMostSpecificOverlappingFindingWins() {
        Finding finding = only("儿童色情");
        assertEquals(Category.CATEGORY_SEXUAL_MINORS, finding.getCategory());
        assertEquals("儿童色情", finding.getTerm());
        assertEquals(Category.CATEGORY_SEXUAL_MINORS, only("child sexual abuse material").getCategory());
    }

    @ParameterizedTest
    @CsvSource({ "how to kill myself tonight, CATEGORY_SELF_HARM", "教你自杀的方法, CATEGORY_SELF_HARM",
            "how to make a bomb at home, CATEGORY_ILLICIT", "自制炸药, CATEGORY_ILLICIT", "制作冰毒, CATEGORY_ILLICIT",
            "a snuff film, CATEGORY_VIOLENCE_GRAPHIC", "斩首视频, CATEGORY_VIOLENCE_GRAPHIC", "you faggots, CATEGORY_HATE",
            "支那人, CATEGORY_HATE", "jailbait, CATEGORY_SEXUAL_MINORS", "强奸, CATEGORY_SEXUAL" })
    void everyCategoryHasRealEntries(String text, Category category) {
        assertEquals(category, only(text).getCategory());
    }

    @Test
    void everyFindingIsReportedInOrder() {
        List<Finding> findings = SCREENER.screen("色情 and porn, then 强奸");
        assertEquals(List.of("色情", "porn", "强奸"), findings.stream().map(Finding::getTerm).toList());
        assertTrue(findings.get(0).getEnd() <= findings.get(1).getStart() && findings.get(1).getEnd() <= findings.get(2).getStart());
    }

    @Test
    void everyCategoryHasAListInBothLanguages() {
        for (Category category : Category.values()) {
            if (category == Category.CATEGORY_UNSPECIFIED || category == Category.UNRECOGNIZED) {
                continue;
            }
            for (String language : WordListScreener.LANGUAGES) {
                String file = WordListScreener.listFileOf(category, language);
                assertTrue(WordListScreenerTest.class.getClassLoader().getResource(file) != null, file);
            }
        }
        assertEquals("wordlists/sexual-minors.en.txt", WordListScreener.listFileOf(Category.CATEGORY_SEXUAL_MINORS, "en"));
    }
}
