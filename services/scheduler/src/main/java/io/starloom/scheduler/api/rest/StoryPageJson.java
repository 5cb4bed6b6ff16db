package io.starloom.scheduler.api.rest;

import java.util.List;

/** One page of {@code GET /v1/stories}; pass {@code nextPageToken} as {@code pageToken} for the next. */
public record StoryPageJson(List<StoryJson> stories, String nextPageToken) {
}
