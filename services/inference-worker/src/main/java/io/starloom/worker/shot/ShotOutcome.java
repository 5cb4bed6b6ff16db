package io.starloom.worker.shot;

import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ClipFacts;

/** How a shot ended on this worker. */
public sealed interface ShotOutcome {
    /** Machine-readable reasons of {@link Failed}, as the scheduler reads them (backends add their own). */
    String INVALID_COMMAND = "INVALID_COMMAND";
    String BACKEND_ERROR = "BACKEND_ERROR";
    String PROFILE_NOT_SERVED = "PROFILE_NOT_SERVED";
    String CLIP_UNPLAYABLE = "CLIP_UNPLAYABLE";
    String CLIP_MISMATCH = "CLIP_MISMATCH";

    /**
     * The clip is in the media store; {@code reused} when an earlier delivery of the same command had made it;
     * {@code audioUri} the model's own audio track, empty when it made none.
     */
    record Generated(String clipUri, ClipFacts facts, boolean reused, String audioUri) implements ShotOutcome {
    }

    /** No clip, and what kind of failure it was. */
    record Failed(String reason, String message, BackendFailure.Kind kind) implements ShotOutcome {
        /** Whether another attempt may succeed. */
        public boolean retryable() {
            return kind == BackendFailure.Kind.RETRYABLE;
        }
    }
}
