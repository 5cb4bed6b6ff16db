package io.starloom.studio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StoryboardDraftTest {
    private static final Map<String, Object> PREVIEW = Map.of("storyboard", Map.of("shots", List.of(
            Map.of("index", 0, "prompt", "Orion rises", "narration", "猎户座升起", "durationSeconds", 5.0, "transitionOut", "dissolve",
                    "constellations", List.of("Ori", "Tau")),
            Map.of("index", 1, "prompt", "Sirius shines", "narration", "天狼星闪耀", "durationSeconds", 4.5, "transitionOut", "cut",
                    "constellations", List.of(Map.of("abbreviation", "CMa"))))));

    @Test
    void readsThePreviewAsCards() {
        StoryboardDraft draft = StoryboardDraft.fromPreview(PREVIEW);
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::prompt).containsExactly("Orion rises", "Sirius shines");
        assertThat(draft.shots.get(0).constellations()).isEqualTo("Ori, Tau");
        assertThat(draft.shots.get(1).constellations()).isEqualTo("CMa");
    }

    @Test
    void movesDeletesAndAddsCardsAndRefusesWhatMakesNoSense() {
        StoryboardDraft draft = StoryboardDraft.fromPreview(PREVIEW);
        assertThat(draft.apply("up-0")).isFalse();
        assertThat(draft.apply("down-1")).isFalse();
        assertThat(draft.apply("delete-7")).isFalse();
        assertThat(draft.apply("explode-0")).isFalse();
        assertThat(draft.apply("up-1")).isTrue();
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::prompt).containsExactly("Sirius shines", "Orion rises");
        assertThat(draft.apply("add")).isTrue();
        assertThat(draft.shots).hasSize(3);
        assertThat(draft.apply("delete-0")).isTrue();
        assertThat(draft.shots).extracting(StoryboardDraft.Shot::prompt).containsExactly("Orion rises", "");
    }

    @Test
    @SuppressWarnings("unchecked")
    void submitsTheShotsInTheOrderShownWithNumbersWhereTheyAreNumbers() {
        StoryboardDraft draft = StoryboardDraft.fromForm(List.of("a", "b"), List.of("一", "二"), List.of("4.5", "five"),
                List.of("cut", "fade"), List.of("Ori, Tau", ""));
        List<Map<String, Object>> shots = (List<Map<String, Object>>) draft.body().get("shots");
        assertThat(shots.get(0)).containsEntry("index", 0).containsEntry("durationSeconds", 4.5)
                .containsEntry("constellations", List.of("Ori", "Tau"));
        // Not coerced: the scheduler refuses it naming the field.
        assertThat(shots.get(1)).containsEntry("index", 1).containsEntry("durationSeconds", "five")
                .containsEntry("constellations", List.of());
    }
}
