package io.starloom.worker.shot;

import io.starloom.worker.backend.ClipFacts;

/** How a shot ended on this worker. */
public sealed interface ShotOutcome {
    /** Machine-readable reasons of {@link Failed}, as the scheduler reads them. */
    String INVALID_COMMAND = "INVALID_COMMAND";
    String BACKEND_ERROR = "BACKEND_ERROR";

    /** The clip is in the media store; {@code reused} when an earlier delivery of the same command had made it. */
    record Generated(String clipUri, ClipFacts facts, boolean reused) implements ShotOutcome {
    }

    /** No clip; {@code retryable} when another attempt may succeed. */
    record Failed(String reason, String message, boolean retryable) implements ShotOutcome {
    }
}
