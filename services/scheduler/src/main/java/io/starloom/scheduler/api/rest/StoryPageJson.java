package io.starloom.scheduler.api.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of {@code GET /v1/stories}; pass {@code nextPageToken} as {@code pageToken} for the next. */
@Schema(name = "StoryPage", description = "One page of the caller's stories, newest first.")
public record StoryPageJson(List<StoryJson> stories,
        @Schema(description = "Pass as pageToken for the next page; absent on the last page.", nullable = true) String nextPageToken) {
}
