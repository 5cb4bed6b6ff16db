package io.starloom.scheduler.domain;

/**
 * Where a story stands, in the scheduler's own words; these names are what the database stores. Which
 * status may follow which is {@link StoryLifecycle}'s, built from the {@link Stage}s.
 */
public enum StoryStatus {
    ENRICHING(false),
    SCREENING(false),
    /** Moderation asked for a person's decision: nothing is generated meanwhile. */
    IN_REVIEW(false),
    QUEUED(false),
    GENERATING(false),
    ASSEMBLING(false),
    COMPLETED(true),
    REJECTED(true),
    FAILED(true),
    CANCELED(true);

    private final boolean isFinal;

    StoryStatus(boolean isFinal) {
        this.isFinal = isFinal;
    }

    /** A final story never changes again: later events about it are ignored. */
    public boolean isFinal() {
        return isFinal;
    }
}
