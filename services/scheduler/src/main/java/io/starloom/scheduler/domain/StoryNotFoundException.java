package io.starloom.scheduler.domain;

/** No story with that id for the caller's tenant (another tenant's story is reported the same way). */
public class StoryNotFoundException extends LocalizedException {
    public StoryNotFoundException(String id) {
        super(ErrorCode.STORY_NOT_FOUND, id);
    }

    /** A story that exists but lacks the asked-for file, e.g. translation subtitles of a film without a translation. */
    public StoryNotFoundException(ErrorCode code, Object... args) {
        super(code, args);
    }
}
