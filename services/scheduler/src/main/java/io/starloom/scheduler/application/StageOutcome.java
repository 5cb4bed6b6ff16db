package io.starloom.scheduler.application;

import io.starloom.proto.v1.Failure;
import io.starloom.scheduler.domain.StoryStatus;

/**
 * What an event did to a story, as a stage handler answers it: nothing (a duplicate or stale event), a
 * change within the stage, the stage finished, or the story ended.
 */
public record StageOutcome(Kind kind, StoryStatus status, Failure failure) {
    public enum Kind {
        UNCHANGED, CHANGED, FINISHED, ENDED
    }

    private static final StageOutcome UNCHANGED = new StageOutcome(Kind.UNCHANGED, null, null);
    private static final StageOutcome CHANGED = new StageOutcome(Kind.CHANGED, null, null);
    private static final StageOutcome FINISHED = new StageOutcome(Kind.FINISHED, null, null);

    /** The event changed nothing: a duplicate, or about an attempt that is no longer current. */
    public static StageOutcome unchanged() {
        return UNCHANGED;
    }

    /** The story changed and stays in the status it is in. */
    public static StageOutcome changed() {
        return CHANGED;
    }

    /** The story changed and is now in {@code status}, still without the stage having finished. */
    public static StageOutcome movedTo(StoryStatus status) {
        return new StageOutcome(Kind.CHANGED, status, null);
    }

    /** The stage's work is done: the story goes on to the next stage. */
    public static StageOutcome finished() {
        return FINISHED;
    }

    public static StageOutcome failed(Failure failure) {
        return new StageOutcome(Kind.ENDED, StoryStatus.FAILED, failure);
    }

    public static StageOutcome rejected(Failure failure) {
        return new StageOutcome(Kind.ENDED, StoryStatus.REJECTED, failure);
    }
}
