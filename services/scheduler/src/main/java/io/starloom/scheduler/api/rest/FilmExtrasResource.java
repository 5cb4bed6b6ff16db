package io.starloom.scheduler.api.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.FilmFiles;

/**
 * The files served beside a finished film — translation subtitles, poster, manifest — with the film
 * download's rules: a reader or writer of the story's tenant, 404 for another tenant's story, 409 before
 * the story is COMPLETED.
 */
@Path("/v1/stories")
@Tag(name = "stories")
public class FilmExtrasResource {
    private static final String STORY_ID = "The story's id.";

    private final CallerResolver callers;
    private final FilmFiles films;

    public FilmExtrasResource(CallerResolver callers, FilmFiles films) {
        this.callers = callers;
        this.films = films;
    }

    @GET
    @Path("{id: [^/:]+}/poster.jpg")
    @Produces("image/jpeg")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadPoster", summary = "Download the poster", description = "A frame of the first shot, JPEG.")
    @APIResponse(responseCode = "200", description = "The poster.",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> poster(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.POSTER));
    }

    @GET
    @Path("{id: [^/:]+}/manifest.json")
    @Produces("application/json")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadManifest", summary = "Download the manifest",
            description = "Every file of the film with its media type, size and SHA-256, plus format, chapters and narration voices.")
    @APIResponse(responseCode = "200", description = "The manifest.",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> manifest(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.MANIFEST));
    }

    @GET
    @Path("{id: [^/:]+}/subtitles.translation.vtt")
    @Produces("text/vtt;charset=utf-8")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadTranslationVtt", summary = "Download the translation's WebVTT subtitles",
            description = "The second subtitle track, in the storyboard's translation language, as WebVTT.")
    @APIResponse(responseCode = "200", description = "The subtitles.",
            content = @Content(mediaType = "text/vtt;charset=utf-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant, or its film has no translation.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> translationVtt(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.TRANSLATION_VTT));
    }

    @GET
    @Path("{id: [^/:]+}/subtitles.translation.srt")
    @Produces("application/x-subrip;charset=utf-8")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadTranslationSrt", summary = "Download the translation's SubRip subtitles",
            description = "The second subtitle track, in the storyboard's translation language, as SubRip.")
    @APIResponse(responseCode = "200", description = "The subtitles.",
            content = @Content(mediaType = "application/x-subrip;charset=utf-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant, or its film has no translation.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> translationSrt(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.TRANSLATION_SRT));
    }
}
