package io.starloom.enrichment.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.starloom.enrichment.config.EnrichmentConfig;
import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

class StoryboardPlannerTest {
    private static final String WAN_NEGATIVE_PROMPT = "色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低质量，"
            + "JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的，形态畸形的肢体，手指融合，"
            + "静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走";
    /** 5 s at 5 characters/s or 3 words/s: the fastest calm narration. */
    private static final int MAX_ZH_CHARACTERS = 25;
    private static final int MAX_EN_WORDS = 15;

    private final EnrichmentConfig config = Samples.shippedConfig();
    private final StoryboardPlanner planner = Samples.planner();

    private Storyboard plan(String text) {
        return planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "story-1"));
    }

    private Storyboard sample(String name) {
        return plan(Samples.story(name));
    }

    @Test
    void negativePromptIsWanDefaultVerbatim() {
        String negative = sample("andromeda.zh.txt").getNegativePrompt();
        assertEquals(WAN_NEGATIVE_PROMPT, negative);
        assertEquals(28, negative.split("，").length);
        assertEquals(137, negative.codePointCount(0, negative.length()));
        assertTrue(negative.chars().noneMatch(c -> c == ','), "full-width commas only");
    }

    @ParameterizedTest
    @CsvSource({ "andromeda.zh.txt, LANGUAGE_ZH, 3, 3", "qixi.zh.txt, LANGUAGE_ZH, 6, 6", "orion.en.txt, LANGUAGE_EN, 8, 10",
            "winter-sky.zh.txt, LANGUAGE_ZH, 3, 3", "vague.zh.txt, LANGUAGE_ZH, 1, 1" })
    void everySampleBecomesSaneShots(String name, Language language, int minShots, int maxShots) {
        Storyboard storyboard = sample(name);
        List<Shot> shots = storyboard.getShotsList();
        assertEquals(language, storyboard.getLanguage());
        assertEquals(Style.STYLE_CINEMATIC, storyboard.getStyle());
        assertTrue(shots.size() >= minShots && shots.size() <= maxShots, name + " has " + shots.size() + " shots");
        assertTrue(!storyboard.getTitle().isBlank());
        for (Shot shot : shots) {
            assertAll(shot.getIndex() + ": " + shot.getNarration(),
                    () -> assertEquals(shots.indexOf(shot), shot.getIndex()),
                    () -> assertEquals(5, shot.getDuration().getSeconds()),
                    () -> assertTrue(!shot.getNarration().isBlank()),
                    () -> assertTrue(ReadingBudget.units(shot.getNarration(), language)
                            <= (language == Language.LANGUAGE_ZH ? MAX_ZH_CHARACTERS : MAX_EN_WORDS), "narration fits 5 s"),
                    () -> assertTrue(shot.getPrompt().startsWith(storyboard.getStyleTemplate()), "prompt starts with the style"),
                    () -> assertTrue(shot.getSeed() >= 0 && shot.getSeed() <= Integer.MAX_VALUE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "andromeda.zh.txt", "qixi.zh.txt", "orion.en.txt", "winter-sky.zh.txt", "vague.zh.txt" })
    void narrationTellsTheWholeStoryInOrder(String name) {
        String story = Samples.story(name);
        String narrated = sample(name).getShotsList().stream().map(Shot::getNarration).collect(Collectors.joining());
        assertEquals(lettersOf(story), lettersOf(narrated), "nothing dropped, nothing reordered");
    }

    @Test
    void andromedaNamesItsConstellationsAndFigures() {
        List<Shot> shots = sample("andromeda.zh.txt").getShotsList();
        assertEquals(List.of("And"), shots.get(0).getConstellationsList());
        assertEquals(List.of("Cas"), shots.get(1).getConstellationsList());
        assertEquals(List.of("Cet"), shots.get(2).getConstellationsList());
        assertTrue(shots.get(0).getPrompt().contains("仙女座（And）"), shots.get(0).getPrompt());
        assertTrue(shots.get(0).getPrompt().contains("白色长袍"), "Andromeda keeps her white robe");
        assertTrue(shots.get(1).getPrompt().contains("银河"), "the Milky Way motif");
        assertTrue(shots.get(2).getPrompt().contains("闪电"), "the lightning motif");
        assertTrue(shots.get(0).getPrompt().contains("远景建立镜头") && shots.get(2).getPrompt().contains("拉远"), "camera cues");
        assertTrue(shots.get(0).getPrompt().contains("光线："), "lighting cue");
    }

    @Test
    void qixiReadsAsLoversReunitingOnTheMagpieBridge() {
        List<Shot> shots = sample("qixi.zh.txt").getShotsList();
        for (Shot shot : shots) {
            assertTrue(shot.getPrompt().contains("鹊桥") && shot.getPrompt().contains("恋人"), shot.getPrompt());
        }
        Shot cowherd = shots.stream().filter(s -> s.getSourceText().startsWith("牵牛星")).findFirst().orElseThrow();
        assertTrue(cowherd.getPrompt().contains("扁担") && cowherd.getPrompt().contains("儿女"), cowherd.getPrompt());
        assertTrue(cowherd.getConstellationsList().contains("Aql"));
        Shot weaver = shots.stream().filter(s -> s.getSourceText().startsWith("织女星")).findFirst().orElseThrow();
        assertTrue(weaver.getPrompt().contains("飘逸长袍"), weaver.getPrompt());
        assertTrue(weaver.getConstellationsList().contains("Lyr"));
        Shot meeting = shots.stream().filter(s -> s.getSourceText().startsWith("两颗星")).findFirst().orElseThrow();
        assertTrue(meeting.getPrompt().contains("牛郎") && meeting.getPrompt().contains("织女"),
                "a beat that names nobody shows the story's cast: " + meeting.getPrompt());
    }

    @Test
    void orionIsEnglishWithHisSky() {
        Storyboard storyboard = sample("orion.en.txt");
        assertEquals("Orion, the great hunter", storyboard.getTitle());
        Set<String> constellations = new HashSet<>();
        storyboard.getShotsList().forEach(shot -> constellations.addAll(shot.getConstellationsList()));
        assertEquals(Set.of("Ori", "Lep", "Sco"), constellations);
        Shot first = storyboard.getShots(0);
        assertTrue(first.getPrompt().startsWith(config.styles().get("cinematic").template().en() + ". Scene: Orion"), first.getPrompt());
        assertTrue(first.getPrompt().contains("Orion (Ori)") && first.getPrompt().contains("Camera: ") && first.getPrompt().endsWith("."));
    }

    @Test
    void winterSkyFindsOrionHareAndScorpion() {
        List<Shot> shots = sample("winter-sky.zh.txt").getShotsList();
        Set<String> constellations = new HashSet<>();
        shots.forEach(shot -> constellations.addAll(shot.getConstellationsList()));
        assertEquals(Set.of("Ori", "Lep", "Sco"), constellations);
        assertTrue(shots.get(shots.size() - 1).getConstellationsList().contains("Ori"), "the three-star belt is Orion's");
    }

    @Test
    void aVagueLineBecomesAConcreteShot() {
        Storyboard storyboard = sample("vague.zh.txt");
        assertEquals(1, storyboard.getShotsCount());
        assertEquals("有个怪物出来了", storyboard.getTitle());
        assertEquals("有个怪物出来了", storyboard.getShots(0).getNarration());
        assertTrue(storyboard.getShots(0).getPrompt().contains("巨大神话怪兽"), storyboard.getShots(0).getPrompt());
    }

    @Test
    void seedsAreStablePerStoryAndShot() {
        String text = Samples.story("qixi.zh.txt");
        Storyboard once = planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "story-42"));
        Storyboard again = planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "story-42"));
        Storyboard other = planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "story-43"));
        assertEquals(once, again);
        assertNotEquals(once.getShots(0).getSeed(), other.getShots(0).getSeed());
        assertEquals(once.getShotsCount(), once.getShotsList().stream().map(Shot::getSeed).distinct().count(), "one seed per shot");
    }

    @Test
    void explicitLanguageAndStyleWin() {
        Storyboard storyboard = planner.plan(new StoryInput("Orion hunts on the winter plain.", Language.LANGUAGE_ZH, Style.STYLE_INK_WASH, "s"));
        assertEquals(Language.LANGUAGE_ZH, storyboard.getLanguage());
        assertEquals(Style.STYLE_INK_WASH, storyboard.getStyle());
        assertEquals(config.styles().get("ink-wash").template().zh(), storyboard.getStyleTemplate());
        assertTrue(storyboard.getShots(0).getPrompt().contains("画面：Orion hunts on the winter plain"), storyboard.getShots(0).getPrompt());
    }

    @Test
    void planetariumStyleIsAvailableInEnglish() {
        Storyboard storyboard = planner.plan(new StoryInput("Vega shines.", Language.LANGUAGE_UNSPECIFIED, Style.STYLE_PLANETARIUM, "s"));
        assertEquals(config.styles().get("planetarium").template().en(), storyboard.getStyleTemplate());
        assertEquals(List.of("Lyr"), storyboard.getShots(0).getConstellationsList());
    }

    @Test
    void emptyTooLongAndUnknownInputsAreRefusedWithTheFieldAtFault() {
        UnenrichableStoryException blank = assertThrows(UnenrichableStoryException.class,
                () -> planner.plan(new StoryInput(" \n\t", Language.LANGUAGE_UNSPECIFIED, Style.UNRECOGNIZED, "s")));
        assertEquals(List.of("text", "style"), blank.violations().stream().map(FieldViolation::field).toList());
        assertEquals("EMPTY_TEXT", blank.reason());

        UnenrichableStoryException tooLong = assertThrows(UnenrichableStoryException.class, () -> plan("星".repeat(4001)));
        assertEquals("TEXT_TOO_LONG", tooLong.reason());

        UnenrichableStoryException noWords = assertThrows(UnenrichableStoryException.class, () -> plan("。。。！"));
        assertEquals("EMPTY_TEXT", noWords.reason());

        UnenrichableStoryException language = assertThrows(UnenrichableStoryException.class,
                () -> planner.plan(new StoryInput("Vega shines.", Language.UNRECOGNIZED, Style.STYLE_UNSPECIFIED, "s")));
        assertEquals("language", language.violations().get(0).field());
    }

    @Test
    void aStoryNeedingMoreShotsThanTheCapIsRefusedNotCut() {
        // 49 sentences of 11 characters: 539 characters, more than 24 shots × 22 characters can narrate.
        String overCapacity = "织女星在银河边静静闪烁。".repeat(49);
        UnenrichableStoryException refused = assertThrows(UnenrichableStoryException.class, () -> plan(overCapacity));
        assertEquals("TOO_MANY_SHOTS", refused.reason());
        assertTrue(refused.getMessage().contains("539 Chinese characters") && refused.getMessage().contains("at most 24 shots (about 528"),
                refused.getMessage());
        assertEquals(24, plan("织女星在银河边静静闪烁。".repeat(24)).getShotsCount());
    }

    @Test
    void moreSentencesThanShotsAreMergedWhenTheNarrationFits() {
        // 48 sentences, one beat each, but their 528 characters fit 24 shots exactly: merged, never refused.
        String text = "织女星在银河边静静闪烁。".repeat(48);
        Storyboard storyboard = plan(text);
        assertEquals(24, storyboard.getShotsCount());
        String narrated = storyboard.getShotsList().stream().map(Shot::getNarration).collect(Collectors.joining());
        assertEquals(lettersOf(text), lettersOf(narrated), "nothing dropped, nothing reordered");
        assertEquals(List.of(0, 1, 2), storyboard.getShotsList().subList(0, 3).stream().map(Shot::getIndex).toList());
        assertTrue(storyboard.getShotsList().stream().allMatch(shot -> shot.getDuration().getSeconds() == 5));
    }

    private static String lettersOf(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
