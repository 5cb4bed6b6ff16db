package io.starloom.enrichment.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.starloom.enrichment.knowledge.SkyEntry.Kind;

class StarterSkyKnowledgeTest {
    private final StarterSkyKnowledge knowledge = new StarterSkyKnowledge();

    private List<String> constellations(String text) {
        return knowledge.recognise(text).stream().filter(e -> e.kind() == Kind.CONSTELLATION).map(SkyEntry::iau).toList();
    }

    @ParameterizedTest
    @CsvSource({ "仙女座, And", "安德洛墨达, And", "Andromeda, And", "仙后座, Cas", "Cassiopeia, Cas", "猎户座, Ori", "Orion, Ori",
            "天蝎座, Sco", "Scorpion, Sco", "Scorpius, Sco", "天兔座, Lep", "Hare, Lep", "Lepus, Lep", "鲸鱼座, Cet", "Cetus, Cet",
            "海怪, Cet", "天琴座, Lyr", "织女星, Lyr", "Vega, Lyr", "Weaver Girl, Lyr", "天鹰座, Aql", "牵牛星, Aql", "Altair, Aql",
            "Cowherd, Aql" })
    void namesMapToIauAbbreviations(String name, String iau) {
        assertEquals(List.of(iau), constellations("夜空中 " + name + " 闪耀"));
    }

    @Test
    void latinNamesMatchWholeWordsInAnyCaseAndWidth() {
        assertEquals(List.of("Ori"), constellations("Orion's belt"));
        assertEquals(List.of("Ori"), constellations("ＯＲＩＯＮ rises"));
        assertEquals(List.of(), constellations("a harem of shares"), "no Hare inside other words");
    }

    @Test
    void entriesComeInOrderOfFirstMentionEachOnce() {
        List<String> keys = knowledge.recognise("织女星与牵牛星隔着银河相望，织女星又亮了").stream().map(SkyEntry::key).toList();
        assertEquals(List.of("lyr", "weaver", "aql", "cowherd", "milky-way"), keys);
    }

    @Test
    void milkyWayIsAMotifAndQixiASetting() {
        assertEquals(Kind.MOTIF, knowledge.recognise("Milky Way").get(0).kind());
        assertEquals(Kind.SETTING, knowledge.recognise("七夕").get(0).kind());
    }

    @Test
    void everyEntryIsDescribedInBothLanguages() {
        assertTrue(knowledge.entries().size() >= 25);
        for (SkyEntry entry : knowledge.entries()) {
            assertTrue(!entry.zh().isBlank() && !entry.en().isBlank() && !entry.names().isEmpty(), entry.key());
            assertTrue(entry.kind() != Kind.CONSTELLATION || entry.iau().matches("[A-Z][A-Za-z]{2}"), entry.key());
        }
    }
}
