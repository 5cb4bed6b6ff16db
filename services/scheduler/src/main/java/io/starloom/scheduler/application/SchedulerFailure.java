package io.starloom.scheduler.application;

import java.util.Map;

import io.starloom.contracts.Failures;
import io.starloom.proto.v1.Failure;

/** The stable reasons the scheduler itself ends a story for, in its failure domain {@code scheduler.starloom.dev}. */
public enum SchedulerFailure {
    /** The caller canceled the story. */
    CANCELED,
    /** A message about the story could not be processed and died in the dead-letter queue. */
    DEAD_LETTERED,
    /** Enrichment planned no shots. */
    ENRICHMENT_EMPTY,
    /** Moderation blocked the text (REJECTED, with the findings). */
    MODERATION_BLOCKED,
    /** A shot failed its last attempt. */
    SHOT_FAILED,
    /** A shot's frames were still flagged after its last regeneration, and policy fails such stories. */
    FRAMES_FLAGGED,
    /** A stage reported a failure without a reason of its own. */
    STAGE_FAILED;

    private static final String SERVICE = "scheduler";

    public Failure because(String message) {
        return Failures.of(SERVICE, name(), message);
    }

    public Failure because(String message, Map<String, String> metadata) {
        return Failures.of(SERVICE, name(), message, metadata);
    }
}
