package io.starloom.scheduler.api.grpc;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.ApproveReviewRequest;
import io.starloom.proto.v1.ApproveReviewResponse;
import io.starloom.proto.v1.GetReviewRequest;
import io.starloom.proto.v1.GetReviewResponse;
import io.starloom.proto.v1.ListReviewsRequest;
import io.starloom.proto.v1.ListReviewsResponse;
import io.starloom.proto.v1.RejectReviewRequest;
import io.starloom.proto.v1.RejectReviewResponse;
import io.starloom.proto.v1.ReviewService;
import io.starloom.proto.v1.ReviewState;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.ReviewDecisions;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/** The human review queue over gRPC (starloom.v1.ReviewService): the same operations and rules as /v1/reviews. */
@GrpcService
@RolesAllowed(Roles.REVIEWER)
public class ReviewGrpcService implements ReviewService {
    private final CallerResolver callers;
    private final ReviewDecisions decisions;

    public ReviewGrpcService(CallerResolver callers, ReviewDecisions decisions) {
        this.callers = callers;
        this.decisions = decisions;
    }

    @Override
    public Uni<ListReviewsResponse> listReviews(ListReviewsRequest request) {
        return Uni.createFrom().item(() -> state(request.getState()))
                .chain(state -> callers.current().chain(caller -> decisions.list(caller, state, request.getPageSize(), request.getPageToken())))
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<GetReviewResponse> getReview(GetReviewRequest request) {
        return callers.current().chain(caller -> decisions.get(caller, request.getReviewId()))
                .map(review -> GetReviewResponse.newBuilder().setReview(review).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ApproveReviewResponse> approveReview(ApproveReviewRequest request) {
        return callers.current().chain(caller -> decisions.approve(caller, request.getReviewId(), request.getReason()))
                .map(review -> ApproveReviewResponse.newBuilder().setReview(review).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<RejectReviewResponse> rejectReview(RejectReviewRequest request) {
        return callers.current().chain(caller -> decisions.reject(caller, request.getReviewId(), request.getReason()))
                .map(review -> RejectReviewResponse.newBuilder().setReview(review).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    private static io.starloom.scheduler.domain.ReviewState state(ReviewState state) {
        return switch (state) {
            case REVIEW_STATE_UNSPECIFIED -> null;
            case REVIEW_STATE_PENDING -> io.starloom.scheduler.domain.ReviewState.PENDING;
            case REVIEW_STATE_APPROVED -> io.starloom.scheduler.domain.ReviewState.APPROVED;
            case REVIEW_STATE_REJECTED -> io.starloom.scheduler.domain.ReviewState.REJECTED;
            case REVIEW_STATE_CLOSED -> io.starloom.scheduler.domain.ReviewState.CLOSED;
            case UNRECOGNIZED -> throw new InvalidRequestException(java.util.List.of(new FieldError("state", ErrorCode.REVIEW_STATE_UNKNOWN)), false);
        };
    }
}
