package io.starloom.scheduler.api.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.AspectRatio;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Priority;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.application.StoryCommands;
import io.starloom.scheduler.application.StoryQueries;
import io.starloom.scheduler.application.StoryWatch;
import io.starloom.scheduler.domain.ApiNames;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.domain.FilmOptions;
import io.starloom.scheduler.domain.StoryOptions;
import io.starloom.scheduler.domain.Submission;

/** The public REST API: submit stories, follow them, fetch their films. */
@Path("/v1/stories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stories", description = "Submit stories, follow them, fetch their films.")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class StoryResource {
    /** The name quarkus.smallrye-openapi.security-scheme-name gives the bearer-token scheme. */
    static final String SECURITY_SCHEME = "bearer";
    private static final String STORY_ID = "The story's id, as returned on submission.";

    private final CallerResolver callers;
    private final StoryCommands commands;
    private final StoryQueries queries;
    private final StoryWatch watch;
    private final FilmFiles films;

    public StoryResource(CallerResolver callers, StoryCommands commands, StoryQueries queries, StoryWatch watch, FilmFiles films) {
        this.callers = callers;
        this.commands = commands;
        this.queries = queries;
        this.watch = watch;
        this.films = films;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "submitStory", summary = "Submit a story",
            description = "Accepts a story and starts turning it into a film. Needs the role story-writer. "
                    + "The same request id (or Idempotency-Key) returns the story accepted first.")
    @APIResponse(responseCode = "202", description = "Accepted; the story is on its way.",
            headers = @Header(name = "Location", description = "The story's URL.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryJson.class)))
    @APIResponse(responseCode = "400", description = "The body is not a valid story; `errors` names each field at fault.")
    @APIResponse(responseCode = "403", description = "A priority above the tenant's entitlement; `errors` names `priority`.")
    @APIResponse(responseCode = "415", description = "The body is not application/json.")
    @APIResponse(responseCode = "422", description = "A well-formed request this deployment cannot serve, e.g. a resolution no model renders.")
    public Uni<Response> submit(SubmitStoryBody body,
            @Parameter(description = "Idempotency key, at most 128 characters; the body's requestId wins over it.")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Submission submission = submission(body, idempotencyKey);
        Priority priority = ApiNames.parse("priority", body.priority(), Priority.class, Priority.PRIORITY_UNSPECIFIED);
        return callers.submitter().chain(caller -> commands.submit(caller, submission, priority))
                .map(story -> Response.accepted(StoryJson.of(story)).location(URI.create("/v1/stories/" + story.getId())).build());
    }

    /** The body as a submission, before validation; also what a storyboard preview checks. */
    static Submission submission(SubmitStoryBody body, String idempotencyKey) {
        if (body == null) {
            throw new InvalidRequestException(List.of(new FieldError("body", ErrorCode.STORY_BODY_REQUIRED)), false);
        }
        return new Submission(body.text(),
                ApiNames.parse("language", body.language(), Language.class, Language.LANGUAGE_UNSPECIFIED),
                ApiNames.parse("style", body.style(), Style.class, Style.STYLE_CINEMATIC),
                ApiNames.parse("resolution", body.resolution(), Resolution.class, Resolution.RESOLUTION_720P),
                body.requestId() != null ? body.requestId() : idempotencyKey, body.profile(), Boolean.TRUE.equals(body.requireReview()),
                new FilmOptions(body.voice(), ApiNames.parse("aspectRatio", body.aspectRatio(), AspectRatio.class,
                        AspectRatio.ASPECT_RATIO_UNSPECIFIED), Boolean.TRUE.equals(body.burnInSubtitles())),
                new StoryOptions(body.seed(), body.targetSeconds() == null ? 0 : body.targetSeconds(), body.webhookUrl(),
                        ApiNames.parse("translationLanguage", body.translationLanguage(), Language.class, Language.LANGUAGE_UNSPECIFIED)),
                StoryboardJson.parse(body.storyboard()));
    }

    @GET
    @Path("{id: [^/:]+}")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "getStory", summary = "Get a story", description = "One story of the caller's tenant.")
    @APIResponse(responseCode = "200", description = "The story.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryJson.class)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    public Uni<StoryJson> get(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> queries.get(caller, id)).map(StoryJson::of);
    }

    @GET
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "listStories", summary = "List stories", description = "The caller's stories, newest first, a page at a time.")
    @APIResponse(responseCode = "200", description = "One page of stories.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryPageJson.class)))
    @APIResponse(responseCode = "400", description = "pageSize or pageToken is invalid; `errors` names it.")
    public Uni<StoryPageJson> list(
            @Parameter(description = "Stories per page, 1..100; 20 when absent.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = "nextPageToken of the previous page.") @QueryParam("pageToken") String pageToken) {
        int size = pageSize(pageSize);
        return callers.current().chain(caller -> queries.list(caller, size, pageToken))
                .map(page -> new StoryPageJson(page.getStoriesList().stream().map(StoryJson::of).toList(),
                        page.getNextPageToken().isEmpty() ? null : page.getNextPageToken()));
    }

    /** A custom method in the Google API style. */
    @POST
    @Path("{id: [^/:]+}:cancel")
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "cancelStory", summary = "Cancel a story",
            description = "Stops a story that is still in progress; a finished story is returned as it is. Needs the role story-writer.")
    @APIResponse(responseCode = "200", description = "The story, CANCELED unless it had already finished.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryJson.class)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    public Uni<StoryJson> cancel(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> commands.cancel(caller, id)).map(StoryJson::of);
    }

    @GET
    @Path("{id: [^/:]+}/film")
    @Produces("video/mp4")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadFilm", summary = "Download the film", description = "The finished film as MP4.")
    @APIResponse(responseCode = "200", description = "The film.",
            content = @Content(mediaType = "video/mp4", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> film(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.VIDEO));
    }

    @GET
    @Path("{id: [^/:]+}/subtitles.vtt")
    @Produces("text/vtt;charset=utf-8")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadSubtitlesVtt", summary = "Download WebVTT subtitles", description = "The film's subtitles as WebVTT.")
    @APIResponse(responseCode = "200", description = "The subtitles.",
            content = @Content(mediaType = "text/vtt;charset=utf-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> vtt(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.VTT));
    }

    @GET
    @Path("{id: [^/:]+}/subtitles.srt")
    @Produces("application/x-subrip;charset=utf-8")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "downloadSubtitlesSrt", summary = "Download SubRip subtitles", description = "The film's subtitles as SubRip (.srt).")
    @APIResponse(responseCode = "200", description = "The subtitles.",
            content = @Content(mediaType = "application/x-subrip;charset=utf-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<java.nio.file.Path> srt(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.SRT));
    }

    @GET
    @Path("{id: [^/:]+}/storyboard")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "getStoryboard", summary = "Get the storyboard", description = "The shots enrichment planned for the story.")
    @APIResponse(responseCode = "200", description = "The contract's starloom.v1.Storyboard in the proto3 JSON mapping "
            + "(lowerCamelCase fields, full enum names such as STYLE_INK_WASH, durations such as \"5s\").",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story has no storyboard yet.")
    public Uni<String> storyboard(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> queries.entity(caller, id)).map(story -> {
            if (story.storyboard == null) {
                throw new StoryNotReadyException(ErrorCode.STORYBOARD_NOT_READY, story.id);
            }
            try {
                return JsonFormat.printer().print(story.storyboard());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @GET
    @Path("{id: [^/:]+}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @ExistingStory
    @Operation(operationId = "watchStory", summary = "Watch a story",
            description = "Server-sent events: the story now and at every change, each event's data a Story, until it reaches a final state.")
    @APIResponse(responseCode = "200", description = "The event stream.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = StoryJson.class)))
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    public Multi<StoryJson> events(@Parameter(description = STORY_ID) @PathParam("id") String id) {
        return callers.current().toMulti().onItem().transformToMultiAndConcatenate(caller -> watch.watch(caller, id)).map(StoryJson::of);
    }

    /** 0 (the default) when absent; JAX-RS would answer a non-number with 404, so it is read here. */
    private static int pageSize(String pageSize) {
        if (pageSize == null || pageSize.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(pageSize.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(List.of(new FieldError("pageSize", ErrorCode.PAGE_SIZE_OUT_OF_RANGE, 100)), false);
        }
    }
}
