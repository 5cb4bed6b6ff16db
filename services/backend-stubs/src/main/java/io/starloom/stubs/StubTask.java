package io.starloom.stubs;

import java.time.Duration;
import java.time.Instant;

/** One generation task a stub accepted: what was asked for and where it stands at any moment. */
final class StubTask {
    enum Phase {
        QUEUED, RUNNING, DONE, CANCELED
    }

    final String id;
    final ClipMaker.Format format;
    final Instant created = Instant.now();
    final Duration time;
    final StubScript.Outcome outcome;
    volatile boolean canceled;
    volatile Instant canceledAt;

    StubTask(String id, ClipMaker.Format format, Duration time, StubScript.Outcome outcome) {
        this.id = id;
        this.format = format;
        this.time = time;
        this.outcome = outcome;
    }

    Phase phase() {
        if (canceled) {
            return Phase.CANCELED;
        }
        long elapsed = Duration.between(created, Instant.now()).toMillis();
        if (elapsed >= time.toMillis()) {
            return Phase.DONE;
        }
        return elapsed < time.toMillis() / 4 ? Phase.QUEUED : Phase.RUNNING;
    }

    boolean succeeded() {
        return phase() == Phase.DONE && outcome != StubScript.Outcome.FAIL && outcome != StubScript.Outcome.CONTENT_REFUSED;
    }

    int progress() {
        return switch (phase()) {
            case QUEUED -> 0;
            case RUNNING -> (int) Math.min(99, 100 * Duration.between(created, Instant.now()).toMillis() / Math.max(1, time.toMillis()));
            case DONE, CANCELED -> 100;
        };
    }

    Instant end() {
        return created.plus(time);
    }

    /** The bytes the server hands out for this task, damaged as the outcome says. */
    byte[] result() {
        ClipMaker.Format made = outcome == StubScript.Outcome.WRONG_SIZE
                ? new ClipMaker.Format(format.width() / 2 / 2 * 2, format.height() / 2 / 2 * 2, format.fps(), format.frames(), format.audio())
                : format;
        byte[] clip = ClipMaker.clip(made);
        return switch (outcome) {
            case EMPTY_RESULT -> new byte[0];
            case TRUNCATED_RESULT -> java.util.Arrays.copyOf(clip, clip.length / 2);
            default -> clip;
        };
    }
}
