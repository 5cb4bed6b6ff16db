package io.starloom.scheduler.api.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.ShotCancels;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/** One shot of a story: cancel it (the film is made from the others). */
@Path("/v1/stories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stories")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class ShotResource {
    private static final String INDEX_FIELD = "shotIndex";

    private final CallerResolver callers;
    private final ShotCancels shots;

    public ShotResource(CallerResolver callers, ShotCancels shots) {
        this.callers = callers;
        this.shots = shots;
    }

    /** A custom method in the Google API style, like the story's own :cancel. */
    @POST
    @Path("{id: [^/:]+}/shots/{index: [^/:]+}:cancel")
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "cancelShot", summary = "Cancel one shot",
            description = "Cancels a queued or running shot of a generating story; a running one is stopped on its backend. The film is "
                    + "assembled from the other shots; a story whose shots are all canceled is CANCELED. A finished shot is kept. "
                    + "Needs the role story-writer.")
    @APIResponse(responseCode = "200", description = "The story, the shot CANCELED unless it had already finished.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryJson.class)))
    @APIResponse(responseCode = "400", description = "The shot index is not one of the story's shots; `errors` names shotIndex.")
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not generating its shots (not yet, or any more).")
    public Uni<StoryJson> cancel(@Parameter(description = "The story's id.") @PathParam("id") String id,
            @Parameter(description = "The shot's index in the storyboard, from 0.") @PathParam("index") String index) {
        int shotIndex = index(index);
        return callers.current().chain(caller -> shots.cancel(caller, id, shotIndex, INDEX_FIELD)).map(StoryJson::of);
    }

    private static int index(String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(List.of(new FieldError(INDEX_FIELD, ErrorCode.NOT_A_SHOT_INDEX, index)), false);
        }
    }
}
