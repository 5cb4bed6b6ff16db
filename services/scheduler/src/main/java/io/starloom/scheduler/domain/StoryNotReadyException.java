package io.starloom.scheduler.domain;

/** The story exists but has nothing of what was asked yet, e.g. a film before it is COMPLETED. */
public class StoryNotReadyException extends LocalizedException {
    public StoryNotReadyException(ErrorCode code, Object... args) {
        super(code, args);
    }
}
