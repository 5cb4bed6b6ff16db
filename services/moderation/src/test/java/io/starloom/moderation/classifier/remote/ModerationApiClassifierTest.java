package io.starloom.moderation.classifier.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.starloom.moderation.frames.FrameClassifierException;
import io.starloom.moderation.frames.FrameRules;
import io.starloom.moderation.media.TestClips;

/** The remote classifier against a local stub of OpenAI's moderation endpoint, errors included. */
class ModerationApiClassifierTest {
    private ModerationApiStub stub;
    private ModerationApiClassifier classifier;

    @BeforeEach
    void start() throws Exception {
        stub = new ModerationApiStub();
        classifier = new ModerationApiClassifier(stub.url(), Optional.of(ModerationApiStub.KEY), "omni-moderation-latest", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void eachFrameIsOneRequestAndScoresComeBackUnderNormalisedLabels() {
        List<Map<String, Float>> scores = classifier.classify(List.of(TestClips.sky(0), TestClips.daylight(0)));

        assertThat(stub.requests.get()).isEqualTo(2);
        assertThat(scores.get(0).get("sexual")).isLessThan(0.2f);
        assertThat((double) scores.get(1).get("sexual")).isCloseTo(250 / 255.0, within(0.02));
        assertThat(scores.get(1)).containsKeys("sexual-minors", "violence-graphic", "self-harm-instructions");
        assertThat(classifier.labels()).containsAll(scores.get(1).keySet());
        FrameRules rules = FrameRules.of(Map.of("sexual", 0.5), Map.of("sexual", "sexual"), classifier.labels());
        assertThat(rules.hits(scores.get(0))).isEmpty();
        assertThat(rules.hits(scores.get(1))).hasSize(1);
    }

    @Test
    void aRefusedKeyIsAFailureThatRetryingWillNotMend() {
        ModerationApiClassifier wrongKey = new ModerationApiClassifier(stub.url(), Optional.of("sk-wrong"), "omni-moderation-latest",
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> wrongKey.classify(List.of(TestClips.sky(0)))).isInstanceOfSatisfying(FrameClassifierException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo("MODERATION_API_REFUSED");
            assertThat(e.getMessage()).contains("HTTP 401", "invalid_api_key").doesNotContain("sk-wrong");
        });
    }

    @Test
    void rateLimitsAndServerErrorsAreRetryable() {
        for (int status : new int[] { 429, 503 }) {
            stub.failNext = status;
            assertThatThrownBy(() -> classifier.classify(List.of(TestClips.sky(0))))
                    .isInstanceOfSatisfying(FrameClassifierException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP " + status);
                    });
        }
        assertThat(classifier.classify(List.of(TestClips.sky(0)))).hasSize(1);
    }

    @Test
    void anUnreachableApiIsRetryable() {
        stub.close();

        assertThatThrownBy(() -> classifier.classify(List.of(TestClips.sky(0))))
                .isInstanceOfSatisfying(FrameClassifierException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
