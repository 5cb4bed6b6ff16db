package io.starloom.scheduler.api.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.ShotThumbnails;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/** A shot's thumbnail while its story renders, with the film files' rules: a reader or writer of the story's tenant. */
@Path("/v1/stories")
@Tag(name = "stories")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class ShotThumbnailResource {
    private static final String INDEX_FIELD = "shotIndex";

    private final CallerResolver callers;
    private final ShotThumbnails thumbnails;

    public ShotThumbnailResource(CallerResolver callers, ShotThumbnails thumbnails) {
        this.callers = callers;
        this.thumbnails = thumbnails;
    }

    @GET
    @Path("{id: [^/:]+}/shots/{index: [^/:]+}/thumbnail")
    @Produces("image/jpeg")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "getShotThumbnail", summary = "Get a shot's thumbnail",
            description = "A middle frame of the shot's clip, JPEG, at most 320 pixels wide; there as soon as the shot is generated "
                    + "(its `thumbnailUri` is set), also while the story still renders. A regenerated shot's thumbnail is its new clip's.")
    @APIResponse(responseCode = "200", description = "The thumbnail.",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The shot index is not a number; `errors` names shotIndex.")
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant, no such shot, or the shot has no clip yet.")
    public Uni<Response> thumbnail(@Parameter(description = "The story's id.") @PathParam("id") String id,
            @Parameter(description = "The shot's index in the storyboard, from 0.") @PathParam("index") String index) {
        int shotIndex = index(index);
        // Short-lived: a shot that is generated again gets a new clip and so a new picture under the same path.
        return callers.current().chain(caller -> thumbnails.thumbnail(caller, id, shotIndex))
                .map(file -> Response.ok(file, "image/jpeg").header("Cache-Control", "private, max-age=10").build());
    }

    private static int index(String index) {
        try {
            int value = Integer.parseInt(index);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(List.of(new FieldError(INDEX_FIELD, ErrorCode.NOT_A_SHOT_INDEX, index)), false);
    }
}
