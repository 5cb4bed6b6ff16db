package io.starloom.scheduler.application;

import io.starloom.proto.v1.Failure;
import io.starloom.scheduler.domain.StoryStatus;

/**
 * What an event did to a story, as a stage handler answers it: nothing (a duplicate or stale event), a
 * change within the stage, the stage finished, or the story ended. {@link StageRouter} acts on it.
 */
public final class StageOutcome {
    public enum Kind {
        UNCHANGED, CHANGED, FINISHED, ENDED
    }

    private static final StageOutcome UNCHANGED = new StageOutcome(Kind.UNCHANGED, null, null);
    private static final StageOutcome CHANGED = new StageOutcome(Kind.CHANGED, null, null);
    private static final StageOutcome FINISHED = new StageOutcome(Kind.FINISHED, null, null);

    private final Kind kind;
    private final StoryStatus status;
    private final Failure failure;

    private StageOutcome(Kind kind, StoryStatus status, Failure failure) {
        this.kind = kind;
        this.status = status;
        this.failure = failure;
    }

    /** The event changed nothing: a duplicate, or about an attempt that is no longer current. */
    public static StageOutcome unchanged() {
        return UNCHANGED;
    }

    /** The story changed and stays in the status it is in. */
    public static StageOutcome changed() {
        return CHANGED;
    }

    /** The story changed and is now in {@code status}, without the stage having finished. */
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

    public Kind kind() {
        return kind;
    }

    /** The status to move to (CHANGED, ENDED); null when the story stays where it is. */
    public StoryStatus status() {
        return status;
    }

    /** Why the story ended (ENDED only). */
    public Failure failure() {
        return failure;
    }
}
