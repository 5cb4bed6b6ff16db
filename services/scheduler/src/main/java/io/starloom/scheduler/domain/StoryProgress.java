package io.starloom.scheduler.domain;

import java.util.List;

/** Rough share of a story's work done: generation dominates, so shots count for most of it. */
public final class StoryProgress {
    private StoryProgress() {
    }

    public static int percent(StoryStatus status, List<ShotStatus> shots) {
        return switch (status) {
            case ENRICHING -> 5;
            case SCREENING -> 10;
            case QUEUED, GENERATING -> {
                long done = shots.stream().filter(s -> s == ShotStatus.GENERATED || s == ShotStatus.SCREENED).count();
                yield shots.isEmpty() ? 15 : 15 + (int) (75 * done / shots.size());
            }
            case ASSEMBLING, IN_REVIEW -> 92;
            case COMPLETED -> 100;
            case REJECTED, FAILED, CANCELED -> 0;
        };
    }
}
