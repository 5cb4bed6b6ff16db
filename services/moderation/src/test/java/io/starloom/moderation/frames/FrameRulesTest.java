package io.starloom.moderation.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Category;

class FrameRulesTest {
    private static final List<String> NSFWJS = List.of("drawing", "hentai", "neutral", "porn", "sexy");

    @Test
    void aScoreAtTheThresholdFlagsAndHitsComeStrongestFirst() {
        FrameRules rules = FrameRules.of(Map.of("Porn", 0.6, "sexy", 0.8), Map.of("Porn", "sexual", "sexy", "sexual"), NSFWJS);

        assertThat(rules.hits(Map.of("porn", 0.59f, "sexy", 0.2f, "neutral", 0.21f))).isEmpty();
        List<FrameRules.Hit> hits = rules.hits(Map.of("porn", 0.6f, "sexy", 0.95f));
        assertThat(hits).extracting(hit -> hit.rule().label()).containsExactly("sexy", "porn");
        assertThat(hits).extracting(hit -> hit.rule().category()).containsOnly(Category.CATEGORY_SEXUAL);
    }

    @Test
    void labelsAreNormalisedTheWayClassifiersNameThem() {
        assertThat(FrameClassifier.normalise("sexual/minors")).isEqualTo("sexual-minors");
        assertThat(FrameClassifier.normalise(" Porn ")).isEqualTo("porn");
        FrameRules rules = FrameRules.of(Map.of("sexual/minors", 0.2), Map.of("sexual/minors", "sexual-minors"), List.of("sexual-minors"));
        assertThat(rules.hits(Map.of("sexual-minors", 0.3f))).singleElement()
                .satisfies(hit -> assertThat(hit.rule().category()).isEqualTo(Category.CATEGORY_SEXUAL_MINORS));
    }

    @Test
    void misconfiguredRulesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> FrameRules.of(Map.of(), Map.of(), NSFWJS)).hasMessageContaining("no frame rule");
        assertThatThrownBy(() -> FrameRules.of(Map.of("nudity", 0.5), Map.of("nudity", "sexual"), NSFWJS))
                .hasMessageContaining("'nudity' names no label");
        assertThatThrownBy(() -> FrameRules.of(Map.of("porn", 1.5), Map.of("porn", "sexual"), NSFWJS)).hasMessageContaining("not in (0, 1]");
        assertThatThrownBy(() -> FrameRules.of(Map.of("porn", 0.5), Map.of("porn", "lewd"), NSFWJS)).hasMessageContaining("category 'lewd'");
    }
}
