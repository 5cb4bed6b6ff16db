package io.starloom.mesh.support.messaging;

/**
 * Thrown by a stage's work when this story can never pass the stage as it is (bad input, an impossible
 * request): the stage reports it to the scheduler as a StageFailed event instead of having it redelivered.
 */
public class StageFailureException extends RuntimeException {
    private final String reason;

    /**
     * @param reason UPPER_SNAKE_CASE, stable within the stage's domain, e.g. "NO_TEXT"
     * @param message for people
     */
    public StageFailureException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
