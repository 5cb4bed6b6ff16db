package io.starloom.scheduler.api.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.scheduler.api.BearerTokens;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.StoryboardPreviews;

/** The pre-flight estimate of a story before it is submitted: what its generation would take and cost. */
@Path("/v1/storyboards:estimate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "storyboards")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
@APIResponse(responseCode = "401", description = "No valid bearer token was sent (empty body).")
@APIResponse(responseCode = "403", description = "The token lacks the role story-writer, or names no tenant.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "500", description = "Something went wrong on our side; it has been logged.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StoryboardEstimateResource {
    /** The estimate, and the deployment's cap it would break, if any. */
    @Schema(name = "Preflight", description = "The estimate a story would get when its generation starts.")
    public record PreflightJson(StoryJson.EstimateJson estimate,
            @Schema(description = "Why the story would fail with COST_CAP_EXCEEDED before any shot is rendered; absent when it would not.",
                    nullable = true) String overCap) {
    }

    private final CallerResolver callers;
    private final BearerTokens tokens;
    private final StoryboardPreviews previews;

    public StoryboardEstimateResource(CallerResolver callers, BearerTokens tokens, StoryboardPreviews previews) {
        this.callers = callers;
        this.tokens = tokens;
        this.previews = previews;
    }

    /** A custom method in the Google API style on the storyboards collection, beside :preview. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "estimateStoryboard", summary = "Estimate a story before submitting it",
            description = "Takes the body of POST /v1/stories (with or without an edited `storyboard`), checks it by the same rules, "
                    + "plans it as POST /v1/storyboards:preview does and answers the estimate its generation would get: shots, seconds "
                    + "of film, render seconds on the profile's typical hardware, price when hosted. Nothing is stored. Needs the role "
                    + "story-writer.")
    @APIResponse(responseCode = "200", description = "The estimate.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreflightJson.class)))
    @APIResponse(responseCode = "400", description = "The body is not a valid story; `errors` names each field at fault.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A well-formed request this deployment cannot serve, e.g. a resolution no model renders.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Enrichment cannot plan right now; try again after Retry-After seconds.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreflightJson> estimate(SubmitStoryBody body,
            @Parameter(description = "Ignored (nothing is stored); accepted so that a submission's request estimates as is.")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return callers.current().chain(caller -> tokens.current())
                .chain(token -> previews.preflight(StoryResource.submission(body, idempotencyKey), token))
                .map(preflight -> new PreflightJson(json(preflight.estimate()), preflight.overCap()));
    }

    private static StoryJson.EstimateJson json(GenerationEstimate estimate) {
        return new StoryJson.EstimateJson(estimate.getShots(), estimate.getVideoSeconds(), estimate.getRenderSeconds(),
                estimate.getTypicalHardware(), estimate.getPriceUsd());
    }
}
