package io.starloom.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Priority;

class QueueSnapshotTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();

    /** Dispatch order: A0, B0, A1, B1, A2 — C is not in the line read. */
    private static final List<FairShare.Candidate> ORDER = List.of(shot(A, 0), shot(B, 0), shot(A, 1), shot(B, 1), shot(A, 2));

    @Test
    void aStoryStandsBehindTheShotsAheadOfItsNextOne() {
        QueueSnapshot line = QueueSnapshot.of(NOW, ORDER, 0, 2, 10);
        assertThat(line.position(A, 10_000)).isZero();
        assertThat(line.position(B, 10_000)).isEqualTo(1);
        assertThat(line.position(C, 10_000)).as("further back than the line read").isEqualTo(10_000);
        assertThat(line.contains(C)).isFalse();
        assertThat(line.length()).isEqualTo(5);
    }

    @Test
    void theEtaCountsRoundsOfTheLiveWorkersUpToTheStorysLastShot() {
        // 3 in flight + B's last shot at place 3: 7 shots on 2 workers are 4 rounds of 10 s.
        assertThat(QueueSnapshot.of(NOW, ORDER, 3, 2, 10).eta(B)).isEqualTo(NOW.plusSeconds(40));
        // A's last shot at place 4, nothing in flight: 5 shots on 2 workers, 3 rounds.
        assertThat(QueueSnapshot.of(NOW, ORDER, 0, 2, 10).eta(A)).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void noEtaWithoutWorkersTimingOrPlace() {
        assertThat(QueueSnapshot.of(NOW, ORDER, 0, 0, 10).eta(A)).isNull();
        assertThat(QueueSnapshot.of(NOW, ORDER, 0, 2, 0).eta(A)).isNull();
        assertThat(QueueSnapshot.of(NOW, ORDER, 0, 2, 10).eta(C)).isNull();
    }

    private static FairShare.Candidate shot(UUID story, int index) {
        return new FairShare.Candidate(story, index, story.toString(), Priority.PRIORITY_STANDARD, NOW);
    }
}
