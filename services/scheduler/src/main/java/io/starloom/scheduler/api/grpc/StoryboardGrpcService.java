package io.starloom.scheduler.api.grpc;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.PreviewStoryRequest;
import io.starloom.proto.v1.PreviewStoryResponse;
import io.starloom.proto.v1.StoryboardService;
import io.starloom.scheduler.api.BearerTokens;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.StoryboardPreviews;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/** The public StoryboardService over gRPC: the same preview and rules as POST /v1/storyboards:preview. */
@GrpcService
public class StoryboardGrpcService implements StoryboardService {
    private final CallerResolver callers;
    private final BearerTokens tokens;
    private final StoryboardPreviews previews;

    public StoryboardGrpcService(CallerResolver callers, BearerTokens tokens, StoryboardPreviews previews) {
        this.callers = callers;
        this.tokens = tokens;
        this.previews = previews;
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<PreviewStoryResponse> previewStory(PreviewStoryRequest request) {
        if (!request.hasStory()) {
            return Uni.createFrom().failure(GrpcErrors.toStatus(
                    new InvalidRequestException(java.util.List.of(new FieldError("story", ErrorCode.STORY_REQUIRED)), false)));
        }
        return Uni.createFrom().item(() -> StoryGrpcService.submission(request.getStory())).chain(submission -> callers.current().chain(caller -> tokens.current()).chain(token -> previews.preflight(submission, token)))
                .map(preflight -> PreviewStoryResponse.newBuilder().setStoryboard(preflight.storyboard()).setEstimate(preflight.estimate()).build())
                // The story is a field of the request: its errors are named as its fields (story.text).
                .onFailure(InvalidRequestException.class).transform(e -> {
                    InvalidRequestException invalid = (InvalidRequestException) e;
                    return new InvalidRequestException(invalid.errors().stream()
                            .map(error -> error.within("story")).toList(), invalid.unprocessable());
                })
                .onFailure().transform(GrpcErrors::toStatus);
    }
}
