package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Review;
import io.starloom.scheduler.config.ReviewConfig;
import io.starloom.scheduler.domain.ReviewState;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.persistence.ReviewAuditEntity;
import io.starloom.scheduler.persistence.ReviewCaseEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Opens a review case whenever a story enters IN_REVIEW, from whichever stage, with the findings that sent
 * it there as evidence; and holds a finished film for approval when review is mandatory (asked for on
 * submission, or for every story of a tenant in {@code starloom.review.mandatory-tenants}). Runs inside
 * {@link StageRouter}'s transaction on the locked story row.
 */
@ApplicationScoped
public class ReviewCases {
    static final String SYSTEM_ACTOR = "scheduler";
    private static final Logger LOG = Logger.getLogger(ReviewCases.class);

    private final ReviewConfig config;

    public ReviewCases(ReviewConfig config) {
        this.config = config;
    }

    /** Whether a person must approve this story's film before it is published. */
    public boolean mandatory(StoryEntity story) {
        return story.requireReview || config.mandatoryTenants().map(tenants -> tenants.contains(story.tenant)).orElse(false);
    }

    /** The story has just entered IN_REVIEW while in {@code stage}: its case waits for a reviewer. */
    public Uni<Void> open(StoryEntity story, Stage stage, String cause) {
        ReviewCaseEntity review = new ReviewCaseEntity();
        review.id = UUID.randomUUID();
        review.storyId = story.id;
        review.tenant = story.tenant;
        review.state = ReviewState.PENDING;
        review.stage = stage.name();
        review.cause = cause;
        review.findings = Review.newBuilder().addAllFindings(findings(story)).build().toByteArray();
        review.createdAt = Instant.now();
        LOG.infof("story %s waits for review %s (%s)", story.id, review.id, cause);
        return review.persist().chain(() -> audit(review, SYSTEM_ACTOR, "open", cause));
    }

    /** Appends one row to the audit log. */
    static Uni<Void> audit(ReviewCaseEntity review, String actor, String action, String detail) {
        ReviewAuditEntity entry = new ReviewAuditEntity();
        entry.at = Instant.now();
        entry.tenant = review.tenant;
        entry.actor = actor;
        entry.action = action;
        entry.reviewId = review.id;
        entry.storyId = review.storyId;
        entry.detail = detail;
        return entry.persist().replaceWithVoid();
    }

    /** The moderation findings the story carries (a TextModerated), as evidence. */
    private static List<Finding> findings(StoryEntity story) {
        if (story.findings == null) {
            return List.of();
        }
        try {
            return TextModerated.parseFrom(story.findings).getFindingsList();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored findings are unreadable", e);
        }
    }
}
