package io.starloom.scheduler.api.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.google.protobuf.Timestamp;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Review;

/** A review case as the REST API shows it. */
@Schema(name = "Review", description = "A story waiting for, or given, a reviewer's decision, with the evidence that put it there.")
public record ReviewJson(
        @Schema(description = "The case's id, a UUID.") String id,
        @Schema(description = "The story it is about.") String storyId,
        @Schema(description = "PENDING, APPROVED, REJECTED or CLOSED (the story ended before anyone decided).") String state,
        @Schema(description = "The stage the story was paused in, e.g. screen-text or assemble.") String stage,
        @Schema(description = "Why the case was opened.") String cause,
        String storyTitle,
        @Schema(description = "The findings to judge, each with its evidence.") List<StoryJson.FindingJson> findings,
        Instant createTime,
        @Schema(nullable = true) Instant decideTime,
        @Schema(description = "Who decided.", nullable = true) String reviewer,
        @Schema(description = "The reviewer's reason.", nullable = true) String decisionReason) {

    static ReviewJson of(Review review) {
        return new ReviewJson(review.getId(), review.getStoryId(), ProtoNames.bare(review.getState()), review.getStage(), review.getCause(),
                review.getStoryTitle(), review.getFindingsList().stream().map(StoryJson::finding).toList(), instant(review.getCreateTime()),
                review.hasDecideTime() ? instant(review.getDecideTime()) : null, review.getReviewer().isEmpty() ? null : review.getReviewer(),
                review.getDecisionReason().isEmpty() ? null : review.getDecisionReason());
    }

    /** A page of the queue. */
    @Schema(name = "ReviewPage", description = "A page of review cases, oldest first.")
    public record Page(List<ReviewJson> reviews, @Schema(description = "Empty on the last page.") String nextPageToken) {
    }

    /** Body of approve and reject. */
    @Schema(name = "ReviewDecision", description = "Why the reviewer decided so, 1..2000 characters; kept in the audit log.",
            additionalProperties = Schema.False.class)
    public record Decision(@Schema(required = true) String reason) {
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
