package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.ListReviewsResponse;
import io.starloom.proto.v1.Review;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.ReviewDecidedException;
import io.starloom.scheduler.domain.ReviewNotFoundException;
import io.starloom.scheduler.domain.ReviewState;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.ReviewCaseEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * What reviewers do: read their tenant's queue and decide. A decision is one transaction on the case and
 * the locked story row: the case records who decided and why, the audit log gets a row, and the story
 * moves on: approved, it continues after the stage it was paused in ({@link StageRouter#resume}); rejected,
 * it ends REJECTED with the reviewer's reason. A case of another tenant answers as if it did not exist.
 */
@ApplicationScoped
public class ReviewDecisions {
    static final int MAX_REASON = 2000;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 20;
    private static final Logger LOG = Logger.getLogger(ReviewDecisions.class);

    private final StageRouter router;
    private final StoryChanges changes;

    public ReviewDecisions(StageRouter router, StoryChanges changes) {
        this.router = router;
        this.changes = changes;
    }

    /** The tenant's cases, oldest first, optionally only those in {@code state}; the page token is the offset. */
    public Uni<ListReviewsResponse> list(Caller caller, ReviewState state, int pageSize, String pageToken) {
        List<FieldError> errors = new ArrayList<>();
        if (pageSize < 0 || pageSize > MAX_PAGE) {
            errors.add(new FieldError("pageSize", ErrorCode.PAGE_SIZE_OUT_OF_RANGE, MAX_PAGE));
        }
        int offset = 0;
        if (pageToken != null && !pageToken.isBlank()) {
            try {
                offset = Integer.parseInt(pageToken);
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                errors.add(new FieldError("pageToken", ErrorCode.PAGE_TOKEN_INVALID));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException(errors, false));
        }
        int size = pageSize == 0 ? DEFAULT_PAGE : pageSize;
        int from = offset;
        return Panache.withSession(() -> (state == null
                ? ReviewCaseEntity.<ReviewCaseEntity>find("tenant = ?1 order by createdAt, id", caller.tenant())
                : ReviewCaseEntity.<ReviewCaseEntity>find("tenant = ?1 and state = ?2 order by createdAt, id", caller.tenant(), state))
                .range(from, from + size).list()
                .chain(page -> titles(page).map(views -> {
                    ListReviewsResponse.Builder response = ListReviewsResponse.newBuilder().addAllReviews(views);
                    // One more row than the page would mean more; a full page is answered with a token to look.
                    if (page.size() == size) {
                        response.setNextPageToken(String.valueOf(from + size));
                    }
                    return response.build();
                })));
    }

    public Uni<Review> get(Caller caller, String reviewId) {
        return Panache.withSession(() -> find(caller, reviewId, false).chain(review -> StoryEntity.<StoryEntity>findById(review.storyId)
                .map(story -> ReviewViews.toReview(review, story))));
    }

    public Uni<Review> approve(Caller caller, String reviewId, String reason) {
        return decide(caller, reviewId, reason, true);
    }

    public Uni<Review> reject(Caller caller, String reviewId, String reason) {
        return decide(caller, reviewId, reason, false);
    }

    private Uni<Review> decide(Caller caller, String reviewId, String reason, boolean approve) {
        String why = reason == null ? "" : reason.strip();
        int length = why.codePointCount(0, why.length());
        if (length == 0 || length > MAX_REASON) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    List.of(new FieldError("reason", ErrorCode.REVIEW_REASON_REQUIRED, MAX_REASON)), false));
        }
        return Panache.withTransaction(() -> find(caller, reviewId, true)
                .chain(review -> StoryEntity.<StoryEntity>findById(review.storyId, LockModeType.PESSIMISTIC_WRITE).chain(story -> {
                    if (review.state != ReviewState.PENDING) {
                        return Uni.createFrom().failure(new ReviewDecidedException(String.valueOf(review.id),
                                review.state.name().toLowerCase(java.util.Locale.ROOT)));
                    }
                    if (story.state != StoryStatus.IN_REVIEW) {
                        // Canceled or failed meanwhile: nothing is left to decide.
                        review.state = ReviewState.CLOSED;
                        review.decidedAt = Instant.now();
                        return ReviewCases.audit(review, caller.subject(), "close", "the story is " + story.state)
                                .replaceWith(ReviewViews.toReview(review, story));
                    }
                    review.state = approve ? ReviewState.APPROVED : ReviewState.REJECTED;
                    review.reviewer = caller.subject();
                    review.decisionReason = why;
                    review.decidedAt = Instant.now();
                    Uni<Void> moved = approve ? router.resume(story, Stage.valueOf(review.stage)) : reject(story, why);
                    LOG.infof("review %s of story %s %s by %s", review.id, story.id, review.state, caller.subject());
                    return moved.chain(() -> ReviewCases.audit(review, caller.subject(), approve ? "approve" : "reject", why))
                            .map(ignored -> ReviewViews.toReview(review, story));
                })))
                .call(view -> changes.committed(UUID.fromString(view.getStoryId())));
    }

    private static Uni<Void> reject(StoryEntity story, String reason) {
        story.end(StoryStatus.REJECTED, SchedulerFailure.REVIEW_REJECTED.because("a reviewer rejected the story: " + reason));
        return Uni.createFrom().voidItem();
    }

    private static Uni<ReviewCaseEntity> find(Caller caller, String reviewId, boolean lock) {
        UUID id;
        try {
            id = UUID.fromString(reviewId.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(new ReviewNotFoundException(String.valueOf(reviewId)));
        }
        Uni<ReviewCaseEntity> found = lock ? ReviewCaseEntity.findById(id, LockModeType.PESSIMISTIC_WRITE) : ReviewCaseEntity.findById(id);
        return found.map(review -> {
            if (review == null || !review.tenant.equals(caller.tenant())) {
                throw new ReviewNotFoundException(id.toString());
            }
            return review;
        });
    }

    private static Uni<List<Review>> titles(List<ReviewCaseEntity> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = page.stream().map(r -> r.storyId).distinct().toList();
        return StoryEntity.<StoryEntity>list("id in ?1", ids).map(stories -> page.stream()
                .map(review -> ReviewViews.toReview(review, stories.stream().filter(s -> s.id.equals(review.storyId)).findFirst().orElse(null)))
                .toList());
    }
}
