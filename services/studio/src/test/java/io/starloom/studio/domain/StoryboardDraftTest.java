package io.starloom.studio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The editor against the scheduler's form of a storyboard: {@code starloom.v1.Storyboard} in the proto3 JSON mapping,
 * as {@code POST /v1/storyboards:preview} prints it (JsonFormat: defaults such as index 0 and TRANSITION_UNSPECIFIED
 * left out, int64 seeds as strings, durations as "4.500s"). StudioBrowserIT reads the real preview.
 */
class StoryboardDraftTest {
    private static final String PREVIEW = """
            {"language":"LANGUAGE_ZH","style":"STYLE_INK_WASH","title":"猎户与天狼","negativePrompt":"text, watermark",
             "shots":[
              {"sourceText":"猎户座升起。","prompt":"Orion rises over the hills, ink wash","narration":"猎户座升起。","duration":"5s",
               "seed":"1234567","constellations":["Ori","Tau"],"transitionOut":"TRANSITION_FADE_BLACK","beat":"猎户升起",
               "promptParts":{"subject":"Orion"},"sky":[{"id":"Ori","name":"猎户座","culture":"SKY_CULTURE_WESTERN"}]},
              {"index":1,"prompt":"Sirius shines","narration":"天狼星闪耀。","duration":"4.500s","seed":"99"}],
             "plan":{"shots":2},"origin":"STORYBOARD_ORIGIN_PLANNED"}
            """;

    private static StoryboardDraft preview() throws Exception {
        return StoryboardDraft.fromPreview(new ObjectMapper().readValue(PREVIEW, new TypeReference<Map<String, Object>>() {
        }));
    }

    @Test
    void readsThePreviewAsCards() throws Exception {
        StoryboardDraft draft = preview();
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::prompt).containsExactly("Orion rises over the hills, ink wash", "Sirius shines");
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::durationSeconds).containsExactly("5", "4.5");
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::transition).as("absent is the default crossfade")
                .containsExactly("fade-black", "crossfade");
        assertThat(draft.shots.get(0).constellations()).isEqualTo("Ori, Tau");
        assertThat(draft.shots.get(1).constellations()).isEmpty();
        assertThat(draft.shots.get(0).beat()).isEqualTo("猎户升起");
        assertThat(draft.board).isEqualTo(new StoryboardDraft.Board("STYLE_INK_WASH", "LANGUAGE_ZH", "猎户与天狼", "text, watermark"));
    }

    @Test
    void movesDeletesAndAddsCardsAndRefusesWhatMakesNoSense() throws Exception {
        StoryboardDraft draft = preview();
        assertThat(draft.apply("up-0")).isFalse();
        assertThat(draft.apply("down-1")).isFalse();
        assertThat(draft.apply("delete-7")).isFalse();
        assertThat(draft.apply("explode-0")).isFalse();
        assertThat(draft.apply("up-1")).isTrue();
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::prompt).containsExactly("Sirius shines", "Orion rises over the hills, ink wash");
        assertThat(draft.apply("add")).isTrue();
        assertThat(draft.shots).hasSize(3);
        assertThat(draft.apply("delete-0")).isTrue();
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::prompt).containsExactly("Orion rises over the hills, ink wash", "");
    }

    @Test
    @SuppressWarnings("unchecked")
    void submitsThePreviewsFormInTheOrderShown() throws Exception {
        StoryboardDraft draft = preview();
        draft.apply("up-1");
        Map<String, Object> body = draft.body();
        assertThat(body).containsEntry("style", "STYLE_INK_WASH").containsEntry("language", "LANGUAGE_ZH").containsEntry("title", "猎户与天狼")
                .containsEntry("negativePrompt", "text, watermark");
        List<Map<String, Object>> shots = (List<Map<String, Object>>) body.get("shots");
        assertThat(shots.get(0)).containsEntry("index", 0).containsEntry("prompt", "Sirius shines").containsEntry("duration", "4.5s")
                .containsEntry("transitionOut", "TRANSITION_CROSSFADE").containsEntry("seed", "99").containsEntry("constellations", List.of())
                .doesNotContainKey("beat");
        // What enrichment derives from the prompt and constellations is left for it to derive again from the edit.
        assertThat(shots.get(1)).containsEntry("index", 1).containsEntry("duration", "5s").containsEntry("transitionOut", "TRANSITION_FADE_BLACK")
                .containsEntry("constellations", List.of("Ori", "Tau")).containsEntry("beat", "猎户升起").containsEntry("seed", "1234567")
                .doesNotContainKeys("sky", "promptParts", "sourceText");
    }

    @Test
    @SuppressWarnings("unchecked")
    void postedCardsAreSubmittedAsTypedWhereTheyAreNotNumbers() {
        StoryboardDraft draft = StoryboardDraft.fromForm(new StoryboardDraft.Board("STYLE_CINEMATIC", "", "", ""), List.of("a", "b"),
                List.of("一", "二"), List.of(" 4.50 ", "five"), List.of("cut", "slide"), List.of("Ori，Tau  CMa", ""), List.of(), List.of());
        Map<String, Object> body = draft.body();
        assertThat(body).containsOnlyKeys("style", "shots");
        List<Map<String, Object>> shots = (List<Map<String, Object>>) body.get("shots");
        assertThat(shots.get(0)).containsEntry("duration", "4.5s").containsEntry("transitionOut", "TRANSITION_CUT")
                .containsEntry("constellations", List.of("Ori", "Tau", "CMa")).doesNotContainKey("seed");
        // Not coerced: the scheduler refuses it naming the field.
        assertThat(shots.get(1)).containsEntry("duration", "five").containsEntry("transitionOut", "TRANSITION_SLIDE");
    }
}
