package io.starloom.scheduler.application;

import java.util.EnumMap;
import java.util.Map;

import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.StoryState;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;

/** The one mapping between the scheduler's statuses and the public API's StoryState and ShotState. */
public final class StateMapping {
    private static final Map<StoryState, StoryStatus> STORY_STATUS = new EnumMap<>(StoryState.class);

    static {
        for (StoryStatus status : StoryStatus.values()) {
            STORY_STATUS.put(toProto(status), status);
        }
    }

    private StateMapping() {
    }

    public static StoryState toProto(StoryStatus status) {
        return switch (status) {
            case ENRICHING -> StoryState.STORY_STATE_ENRICHING;
            case SCREENING -> StoryState.STORY_STATE_SCREENING;
            case IN_REVIEW -> StoryState.STORY_STATE_IN_REVIEW;
            case QUEUED -> StoryState.STORY_STATE_QUEUED;
            case GENERATING -> StoryState.STORY_STATE_GENERATING;
            case ASSEMBLING -> StoryState.STORY_STATE_ASSEMBLING;
            case COMPLETED -> StoryState.STORY_STATE_COMPLETED;
            case REJECTED -> StoryState.STORY_STATE_REJECTED;
            case FAILED -> StoryState.STORY_STATE_FAILED;
            case CANCELED -> StoryState.STORY_STATE_CANCELED;
        };
    }

    public static ShotState toProto(ShotStatus status) {
        return switch (status) {
            case QUEUED -> ShotState.SHOT_STATE_QUEUED;
            case DISPATCHED -> ShotState.SHOT_STATE_DISPATCHED;
            case RUNNING -> ShotState.SHOT_STATE_RUNNING;
            case GENERATED -> ShotState.SHOT_STATE_GENERATED;
            case SCREENED -> ShotState.SHOT_STATE_SCREENED;
            case FAILED -> ShotState.SHOT_STATE_FAILED;
            case CANCELED -> ShotState.SHOT_STATE_CANCELED;
        };
    }

    /**
     * The status behind a state the scheduler reported.
     *
     * @throws IllegalArgumentException for a state no scheduler status maps to (SUBMITTED, UNSPECIFIED)
     */
    public static StoryStatus fromProto(StoryState state) {
        StoryStatus status = STORY_STATUS.get(state);
        if (status == null) {
            throw new IllegalArgumentException("no story is ever in " + state);
        }
        return status;
    }
}
