package io.starloom.scheduler.domain;

/** No story with that id for the caller's tenant (another tenant's story is reported the same way). */
public class StoryNotFoundException extends RuntimeException {
    public StoryNotFoundException(String id) {
        super("no story " + id);
    }
}
