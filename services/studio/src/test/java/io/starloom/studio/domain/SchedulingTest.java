package io.starloom.studio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SchedulingTest {
    @Test
    void readsTheStorysSchedulingAndShowsTheEtaInUtcWithoutScript() {
        Scheduling scheduling = Scheduling.of(Map.of("id", "s", "scheduling",
                Map.of("priority", "batch", "queuePosition", 3, "generationEta", "2026-12-01T18:05:30.123Z")));
        assertThat(scheduling).isEqualTo(new Scheduling("batch", 3, "2026-12-01T18:05:30.123Z"));
        assertThat(scheduling.waiting()).isTrue();
        assertThat(scheduling.etaText()).isEqualTo("18:05 UTC");
    }

    @Test
    void nothingWaitingOrNothingSentShowsNothing() {
        Scheduling first = Scheduling.of(Map.of("scheduling", Map.of("priority", "standard", "queuePosition", 0)));
        assertThat(first.waiting()).isFalse();
        assertThat(first.etaText()).isNull();
        Scheduling none = Scheduling.of(Map.of("id", "s"));
        assertThat(none).isEqualTo(new Scheduling(null, null, null));
        assertThat(none.waiting()).isFalse();
    }
}
