package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.StoryState;

class StoryStatesTest {
    private static final List<ShotState> NONE_DONE = List.of(ShotState.SHOT_STATE_DISPATCHED, ShotState.SHOT_STATE_RUNNING,
            ShotState.SHOT_STATE_QUEUED, ShotState.SHOT_STATE_DISPATCHED);
    private static final List<ShotState> HALF_DONE = List.of(ShotState.SHOT_STATE_GENERATED, ShotState.SHOT_STATE_SCREENED,
            ShotState.SHOT_STATE_RUNNING, ShotState.SHOT_STATE_DISPATCHED);
    private static final List<ShotState> ALL_DONE = Collections.nCopies(4, ShotState.SHOT_STATE_GENERATED);

    @Test
    void progressNeverGoesBackAlongTheHappyPath() {
        int[] path = {
            StoryStates.progressPercent(StoryState.STORY_STATE_SUBMITTED, List.of()),
            StoryStates.progressPercent(StoryState.STORY_STATE_ENRICHING, List.of()),
            StoryStates.progressPercent(StoryState.STORY_STATE_SCREENING, NONE_DONE),
            StoryStates.progressPercent(StoryState.STORY_STATE_QUEUED, NONE_DONE),
            StoryStates.progressPercent(StoryState.STORY_STATE_GENERATING, HALF_DONE),
            StoryStates.progressPercent(StoryState.STORY_STATE_GENERATING, ALL_DONE),
            StoryStates.progressPercent(StoryState.STORY_STATE_ASSEMBLING, ALL_DONE),
            StoryStates.progressPercent(StoryState.STORY_STATE_COMPLETED, ALL_DONE),
        };
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i]).as("step %d", i).isGreaterThanOrEqualTo(path[i - 1]);
        }
        assertThat(path[0]).isZero();
        assertThat(path[path.length - 1]).isEqualTo(100);
        assertThat(path[path.length - 2]).isLessThan(100);
    }

    @Test
    void generationProgressFollowsTheFinishedShots() {
        int none = StoryStates.progressPercent(StoryState.STORY_STATE_GENERATING, NONE_DONE);
        int half = StoryStates.progressPercent(StoryState.STORY_STATE_GENERATING, HALF_DONE);
        int all = StoryStates.progressPercent(StoryState.STORY_STATE_GENERATING, ALL_DONE);
        assertThat(none).isLessThan(half).isLessThan(all);
        assertThat(half - none).isCloseTo(all - half, org.assertj.core.data.Offset.offset(1));
    }

    @Test
    void onlyCompletedRejectedFailedAndCanceledAreFinal() {
        for (StoryState state : StoryState.values()) {
            boolean expected = state == StoryState.STORY_STATE_COMPLETED || state == StoryState.STORY_STATE_REJECTED
                    || state == StoryState.STORY_STATE_FAILED || state == StoryState.STORY_STATE_CANCELED;
            assertThat(StoryStates.isFinal(state)).as(state.name()).isEqualTo(expected);
        }
    }
}
