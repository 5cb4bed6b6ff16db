package io.starloom.enrichment.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.enrichment.domain.Samples;
import io.starloom.enrichment.knowledge.SkyData.Star;

/** Samples the shipped knowledge: the sky derived from d3-celestial, the myth library, the lexicon, operator edits. */
class KnowledgeBaseTest {
    private final Knowledge knowledge = Samples.knowledge().now();

    @Test
    void all88IauConstellationsWithNamesStarsAndLines() {
        assertThat(knowledge.constellations()).hasSize(88);
        knowledge.constellations().values().forEach(c -> {
            assertThat(c.zh()).as(c.iau()).isNotBlank();
            assertThat(c.en()).as(c.iau()).isNotBlank();
            assertThat(c.stars()).as(c.iau()).isNotEmpty();
            assertThat(c.lines()).as(c.iau()).isNotEmpty();
        });
        assertThat(knowledge.constellation("Cet").orElseThrow().zh()).isEqualTo("鲸鱼座");
        assertThat(knowledge.constellation("Ser").orElseThrow().stars().size()).as("head and tail").isGreaterThan(10);
    }

    @Test
    void knownStarsSitWhereTheSkySaysTheyDo() {
        Star vega = star("Lyr", 91262);
        assertThat(vega.ra()).isCloseTo(279.23, within(0.05));
        assertThat(vega.dec()).isCloseTo(38.78, within(0.05));
        assertThat(vega.mag()).isCloseTo(0.03, within(0.05));
        assertThat(vega.zh()).isEqualTo("织女一");
        Star altair = knowledge.star(97649).orElseThrow();
        assertThat(altair.zh()).isEqualTo("河鼓二");
        assertThat(altair.ra()).isCloseTo(297.70, within(0.05));
        assertThat(altair.dec()).isCloseTo(8.87, within(0.05));
        Star antares = knowledge.star(80763).orElseThrow();
        assertThat(antares.zh()).isEqualTo("心宿二");
        assertThat(antares.bv()).as("a red supergiant").isGreaterThan(1.5);
        assertThat(knowledge.star(32349).orElseThrow().mag()).as("Sirius, the brightest").isLessThan(-1.4);
    }

    @Test
    void theChineseSkyHasTheMansionsEnclosuresAndMythStars() {
        assertThat(knowledge.asterisms()).hasSize(312);
        assertThat(knowledge.asterisms().values().stream().filter(a -> "mansion".equals(a.group())).count()).isEqualTo(28);
        assertThat(knowledge.asterisms().values().stream().filter(a -> "enclosure".equals(a.group())).map(SkyData.Asterism::enclosure)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("purple-forbidden", "supreme-palace", "heavenly-market");
        for (String name : List.of("河鼓", "织女", "参宿", "心宿", "北斗", "天狼", "斗宿", "牛宿")) {
            assertThat(knowledge.asterism(name)).as(name).isPresent();
        }
        assertThat(knowledge.asterism("织女").orElseThrow().stars()).anyMatch(s -> s.hip() == 91262);
        assertThat(knowledge.milkyWay()).isNotEmpty();
    }

    @Test
    void atLeastFortyMythsWithMeaningAndEveryFigureALook() {
        assertThat(knowledge.myths()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(knowledge.myths().keySet()).contains("andromeda", "orion-scorpius", "pleiades", "callisto-arcas", "orpheus", "cygnus",
                "aquila-ganymede", "gemini", "change", "qixi", "shen-shang", "beidou-seasons", "kuafu", "nuwa");
        knowledge.myths().values().forEach(m -> {
            assertThat(m.meaning().zh()).as(m.id()).isNotBlank();
            assertThat(m.meaning().en()).as(m.id()).isNotBlank();
            assertThat(m.season().en()).as(m.id()).isNotBlank();
            m.sky().forEach(id -> assertThat(knowledge.constellation(id).isPresent() || knowledge.asterism(id).isPresent() || id.equals("月亮"))
                    .as(m.id() + " sky " + id).isTrue());
        });
        knowledge.figures().values().forEach(f -> assertThat(f.look().en()).as(f.id()).isNotBlank());
    }

    @Test
    void aliasesNameTheSameThingInEitherLanguageAndTheTwoSkiesStayApart() {
        for (String name : List.of("Vega", "织女一", "织女星", "α Lyr")) {
            assertThat(targets(name)).as(name).contains(new Target(Target.Kind.STAR, "91262"));
        }
        for (String name : List.of("Cetus", "鲸鱼座")) {
            assertThat(targets(name)).as(name).contains(new Target(Target.Kind.CONSTELLATION, "Cet"));
        }
        assertThat(targets("the sea monster")).contains(new Target(Target.Kind.FIGURE, "cetus"));
        assertThat(targets("牵牛")).containsExactly(new Target(Target.Kind.ASTERISM, "牛宿"));
        assertThat(targets("牛郎星")).contains(new Target(Target.Kind.FIGURE, "cowherd"));
        assertThat(targets("織女")).as("traditional characters").contains(new Target(Target.Kind.FIGURE, "weaver-girl"));
        assertThat(knowledge.recognise("Andromedae and random words")).as("whole words only").isEmpty();
    }

    @Test
    void anOperatorsKeywordEditIsPickedUpWithoutARestart(@TempDir Path directory) throws Exception {
        KnowledgeBase base = Samples.knowledge(directory);
        assertThat(base.now().recognise("一只麒麟")).isEmpty();
        Files.writeString(directory.resolve("keywords.yaml"), """
                keywords:
                  - id: qilin
                    kind: motif
                    names: [麒麟, qilin]
                    zh: 身披五彩鳞片的麒麟
                    en: a qilin with shimmering five-coloured scales
                  - id: starry-sky
                    kind: motif
                    names: [星空]
                    zh: 紫色星空
                    en: a violet starry sky
                """);
        base.reloadIfChanged();
        assertThat(base.now().recognise("一只麒麟")).singleElement().extracting(Mention::targets).asList()
                .containsExactly(new Target(Target.Kind.KEYWORD, "qilin"));
        assertThat(base.now().keyword("starry-sky").orElseThrow().en()).isEqualTo("a violet starry sky");
        assertThat(base.now().myths()).hasSizeGreaterThanOrEqualTo(40);

        Files.writeString(directory.resolve("keywords.yaml"), "keywords: [ {id: broken, kind: motif, names: [x], zh: 1, en: 2, colour: red} ]");
        assertThat(base.reload()).as("a broken file is refused").isFalse();
        assertThat(base.now().keyword("qilin")).as("the previous knowledge stays").isPresent();
    }

    private Set<Target> targets(String name) {
        return knowledge.recognise(name).stream().flatMap(m -> m.targets().stream()).collect(Collectors.toSet());
    }

    private Star star(String iau, int hip) {
        return knowledge.constellation(iau).orElseThrow().stars().stream().filter(s -> s.hip() == hip).findFirst().orElseThrow();
    }
}
