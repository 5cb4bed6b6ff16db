package io.starloom.scheduler.api.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.Review;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.ReviewDecisions;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.ReviewState;

/** The human review queue over REST, for the role reviewer. The same operations are ReviewService over gRPC. */
@Path("/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reviews", description = "The human review queue: stories waiting IN_REVIEW, approve or reject them.")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
@RolesAllowed(Roles.REVIEWER)
public class ReviewResource {
    private static final String REVIEW_ID = "The review case's id.";

    private final CallerResolver callers;
    private final ReviewDecisions decisions;

    public ReviewResource(CallerResolver callers, ReviewDecisions decisions) {
        this.callers = callers;
        this.decisions = decisions;
    }

    @GET
    @Operation(operationId = "listReviews", summary = "The tenant's review cases, oldest first")
    @APIResponse(responseCode = "200", description = "A page of cases.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewJson.Page.class)))
    @APIResponse(responseCode = "400", description = "A bad state, page size or token.")
    public Uni<ReviewJson.Page> list(@Parameter(description = "pending, approved, rejected or closed; every state when absent.") @QueryParam("state") String state,
            @Parameter(description = "1..100, default 20.") @QueryParam("pageSize") Integer pageSize,
            @Parameter(description = "From a previous page.") @QueryParam("pageToken") String pageToken) {
        ReviewState wanted = state(state);
        return callers.current().chain(caller -> decisions.list(caller, wanted, pageSize == null ? 0 : pageSize, pageToken))
                .map(page -> new ReviewJson.Page(page.getReviewsList().stream().map(ReviewJson::of).toList(), page.getNextPageToken()));
    }

    @GET
    @Path("{id: [^/:]+}")
    @Operation(operationId = "getReview", summary = "One review case with its evidence")
    @APIResponse(responseCode = "200", description = "The case.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewJson.class)))
    @APIResponse(responseCode = "404", description = "No such case for the caller's tenant.")
    public Uni<ReviewJson> get(@Parameter(description = REVIEW_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> decisions.get(caller, id)).map(ReviewJson::of);
    }

    @POST
    @Path("{id: [^/:]+}:approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "approveReview", summary = "Approve: the story continues after the stage it was paused in")
    @APIResponse(responseCode = "200", description = "The case, APPROVED (or CLOSED if the story had ended meanwhile).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewJson.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one over 2000 characters.")
    @APIResponse(responseCode = "404", description = "No such case for the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The case was decided already.")
    public Uni<ReviewJson> approve(@Parameter(description = REVIEW_ID) @PathParam("id") String id, ReviewJson.Decision decision) {
        String reason = reason(decision);
        return callers.current().chain(caller -> decisions.approve(caller, id, reason)).map(ReviewJson::of);
    }

    @POST
    @Path("{id: [^/:]+}:reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectReview", summary = "Reject: the story ends REJECTED with the reason")
    @APIResponse(responseCode = "200", description = "The case, REJECTED (or CLOSED if the story had ended meanwhile).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewJson.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one over 2000 characters.")
    @APIResponse(responseCode = "404", description = "No such case for the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The case was decided already.")
    public Uni<ReviewJson> reject(@Parameter(description = REVIEW_ID) @PathParam("id") String id, ReviewJson.Decision decision) {
        String reason = reason(decision);
        return callers.current().chain(caller -> decisions.reject(caller, id, reason)).map(ReviewJson::of);
    }

    private static String reason(ReviewJson.Decision decision) {
        if (decision == null) {
            throw new InvalidRequestException(List.of(new FieldError("body", ErrorCode.REVIEW_BODY_REQUIRED)), false);
        }
        return decision.reason();
    }

    private static ReviewState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return ReviewState.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new FieldError("state", ErrorCode.REVIEW_STATE_FILTER)), false);
        }
    }
}
