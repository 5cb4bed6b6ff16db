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
    /** A reviewer rejected the story (REJECTED, with the reviewer's reason). */
    REVIEW_REJECTED,
    /** A shot failed its last attempt. */
    SHOT_FAILED,
    /** The backend's content inspection refused a shot's prompt or result (REJECTED; never retried blindly). */
    SHOT_CONTENT_REFUSED,
    /** The pre-flight estimate of the story's generation is over a configured cap. */
    COST_CAP_EXCEEDED,
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
