package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StoryProgressTest {
    private static final List<ShotStatus> NONE_DONE = List.of(ShotStatus.DISPATCHED, ShotStatus.RUNNING, ShotStatus.QUEUED,
            ShotStatus.DISPATCHED);
    private static final List<ShotStatus> HALF_DONE = List.of(ShotStatus.GENERATED, ShotStatus.GENERATED, ShotStatus.RUNNING,
            ShotStatus.DISPATCHED);
    private static final List<ShotStatus> ALL_DONE = Collections.nCopies(4, ShotStatus.GENERATED);

    @Test
    void progressNeverGoesBackAlongTheHappyPath() {
        int[] path = {
            StoryProgress.percent(StoryStatus.ENRICHING, List.of()),
            StoryProgress.percent(StoryStatus.SCREENING, NONE_DONE),
            StoryProgress.percent(StoryStatus.QUEUED, NONE_DONE),
            StoryProgress.percent(StoryStatus.GENERATING, HALF_DONE),
            StoryProgress.percent(StoryStatus.GENERATING, ALL_DONE),
            StoryProgress.percent(StoryStatus.ASSEMBLING, ALL_DONE),
            StoryProgress.percent(StoryStatus.COMPLETED, ALL_DONE),
        };
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i]).as("step %d", i).isGreaterThanOrEqualTo(path[i - 1]);
        }
        assertThat(path[0]).isPositive().isLessThan(10);
        assertThat(path[path.length - 1]).isEqualTo(100);
        assertThat(path[path.length - 2]).isLessThan(100);
    }

    @Test
    void generationProgressFollowsTheFinishedShots() {
        int none = StoryProgress.percent(StoryStatus.GENERATING, NONE_DONE);
        int half = StoryProgress.percent(StoryStatus.GENERATING, HALF_DONE);
        int all = StoryProgress.percent(StoryStatus.GENERATING, ALL_DONE);
        assertThat(none).isLessThan(half).isLessThan(all);
        assertThat(half - none).isCloseTo(all - half, Offset.offset(1));
    }

    @Test
    void aStoryInReviewShowsAsFarAsAssembling() {
        assertThat(StoryProgress.percent(StoryStatus.IN_REVIEW, NONE_DONE)).isEqualTo(StoryProgress.percent(StoryStatus.ASSEMBLING, NONE_DONE));
    }

    @Test
    void onlyCompletedRejectedFailedAndCanceledAreFinal() {
        for (StoryStatus status : StoryStatus.values()) {
            boolean expected = status == StoryStatus.COMPLETED || status == StoryStatus.REJECTED || status == StoryStatus.FAILED
                    || status == StoryStatus.CANCELED;
            assertThat(status.isFinal()).as(status.name()).isEqualTo(expected);
        }
    }
}
