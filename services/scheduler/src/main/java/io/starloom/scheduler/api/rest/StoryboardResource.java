package io.starloom.scheduler.api.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.BearerTokens;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.StoryboardPreviews;
import io.starloom.scheduler.domain.Submission;

/**
 * Before a story is submitted: what it would be filmed as (:preview) and what its generation would take and cost
 * (:estimate). The custom methods sit under {@code /v1} because JAX-RS would put a slash before a method path's colon.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "storyboards", description = "Preview the storyboard of a story without generating anything.")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class StoryboardResource {
    /** The estimate, and the deployment's cap it would break, if any. */
    @Schema(name = "Preflight", description = "The estimate a story would get when its generation starts.")
    public record PreflightJson(StoryJson.EstimateJson estimate,
            @Schema(description = "Why the story would fail with COST_CAP_EXCEEDED before any shot is rendered; absent when it would not.",
                    nullable = true) String overCap) {
    }

    private final CallerResolver callers;
    private final BearerTokens tokens;
    private final StoryboardPreviews previews;

    public StoryboardResource(CallerResolver callers, BearerTokens tokens, StoryboardPreviews previews) {
        this.callers = callers;
        this.tokens = tokens;
        this.previews = previews;
    }

    /** A custom method in the Google API style on the storyboards collection. */
    @POST
    @Path("storyboards:preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "previewStoryboard", summary = "Preview a storyboard",
            description = "Takes the body of POST /v1/stories, checks it by the same rules and returns the storyboard enrichment "
                    + "plans for it. Nothing is stored or generated. Needs the role story-writer.")
    @APIResponse(responseCode = "200", description = "The contract's starloom.v1.Storyboard in the proto3 JSON mapping "
            + "(lowerCamelCase fields, full enum names such as STYLE_INK_WASH, durations such as \"5s\"), as GET /v1/stories/{id}/storyboard.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "The body is not a valid story; `errors` names each field at fault.")
    @APIResponse(responseCode = "422", description = "A well-formed request this deployment cannot serve, e.g. a resolution no model renders.")
    @APIResponse(responseCode = "503", description = "Enrichment cannot plan right now; try again after Retry-After seconds.")
    public Uni<String> preview(SubmitStoryBody body,
            @Parameter(description = "Ignored by a preview (nothing is stored); accepted so that a submission's request previews as is.")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Submission submission = StoryResource.submission(body, idempotencyKey);
        return callers.current().chain(caller -> tokens.current()).chain(token -> previews.preview(submission, token)).map(storyboard -> {
            try {
                return JsonFormat.printer().print(storyboard);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A custom method in the Google API style on the storyboards collection: the estimate of a story before it is submitted. */
    @POST
    @Path("storyboards:estimate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "estimateStoryboard", summary = "Estimate a story before submitting it",
            description = "Takes the body of POST /v1/stories (with or without an edited `storyboard`), checks it by the same rules, "
                    + "plans it as POST /v1/storyboards:preview does and answers the estimate its generation would get: shots, seconds "
                    + "of film, render seconds on the profile's typical hardware, price when hosted. Nothing is stored. Needs the role "
                    + "story-writer.")
    @APIResponse(responseCode = "200", description = "The estimate.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreflightJson.class)))
    @APIResponse(responseCode = "400", description = "The body is not a valid story; `errors` names each field at fault.")
    @APIResponse(responseCode = "422", description = "A well-formed request this deployment cannot serve, e.g. a resolution no model renders.")
    @APIResponse(responseCode = "503", description = "Enrichment cannot plan right now; try again after Retry-After seconds.")
    public Uni<PreflightJson> estimate(SubmitStoryBody body,
            @Parameter(description = "Ignored (nothing is stored); accepted so that a submission's request estimates as is.")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return callers.current().chain(caller -> tokens.current())
                .chain(token -> previews.preflight(StoryResource.submission(body, idempotencyKey), token))
                .map(preflight -> new PreflightJson(StoryJson.EstimateJson.of(preflight.estimate()), preflight.overCap()));
    }
}
