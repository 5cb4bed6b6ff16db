package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.Locale;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

import io.starloom.proto.v1.Review;
import io.starloom.proto.v1.ReviewState;
import io.starloom.scheduler.persistence.ReviewCaseEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/** Review cases as the public API shows them. */
public final class ReviewViews {
    private ReviewViews() {
    }

    public static Review toReview(ReviewCaseEntity review, StoryEntity story) {
        Review.Builder view = Review.newBuilder()
                .setId(review.id.toString())
                .setStoryId(review.storyId.toString())
                .setState(ReviewState.valueOf("REVIEW_STATE_" + review.state.name()))
                .setStage(review.stage.toLowerCase(Locale.ROOT).replace('_', '-'))
                .setCause(review.cause)
                .setCreateTime(timestamp(review.createdAt));
        if (story != null && story.title != null) {
            view.setStoryTitle(story.title);
        }
        if (review.findings != null) {
            try {
                view.addAllFindings(Review.parseFrom(review.findings).getFindingsList());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("stored review findings are unreadable", e);
            }
        }
        if (review.decidedAt != null) {
            view.setDecideTime(timestamp(review.decidedAt));
        }
        if (review.reviewer != null) {
            view.setReviewer(review.reviewer);
        }
        if (review.decisionReason != null) {
            view.setDecisionReason(review.decisionReason);
        }
        return view.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
