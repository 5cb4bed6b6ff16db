package io.starloom.scheduler.api.rest;

/** JSON body of {@code POST /v1/stories}. Enum-like fields take their short names ("zh", "ink-wash", "720p"). */
public record SubmitStoryBody(String text, String language, String style, String resolution, String requestId) {
}
