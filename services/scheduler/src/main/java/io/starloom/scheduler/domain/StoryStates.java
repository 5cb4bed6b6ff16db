package io.starloom.scheduler.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.StoryState;

/** Facts about the story lifecycle that every handler and view needs. */
public final class StoryStates {
    private static final Set<StoryState> FINAL = EnumSet.of(StoryState.STORY_STATE_COMPLETED, StoryState.STORY_STATE_REJECTED,
            StoryState.STORY_STATE_FAILED, StoryState.STORY_STATE_CANCELED);

    private StoryStates() {
    }

    public static boolean isFinal(StoryState state) {
        return FINAL.contains(state);
    }

    /** Rough share of the work done: generation dominates, so shots count for most of it. */
    public static int progressPercent(StoryState state, List<ShotState> shots) {
        return switch (state) {
            case STORY_STATE_SUBMITTED -> 0;
            case STORY_STATE_ENRICHING -> 5;
            case STORY_STATE_SCREENING -> 10;
            case STORY_STATE_QUEUED, STORY_STATE_GENERATING -> {
                long done = shots.stream().filter(s -> s == ShotState.SHOT_STATE_GENERATED || s == ShotState.SHOT_STATE_SCREENED).count();
                yield shots.isEmpty() ? 15 : 15 + (int) (75 * done / shots.size());
            }
            case STORY_STATE_ASSEMBLING, STORY_STATE_IN_REVIEW -> 92;
            case STORY_STATE_COMPLETED -> 100;
            default -> 0;
        };
    }
}
