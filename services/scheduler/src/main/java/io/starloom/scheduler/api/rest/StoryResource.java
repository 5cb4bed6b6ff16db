package io.starloom.scheduler.api.rest;

import java.net.URI;

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

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.application.StoryCommands;
import io.starloom.scheduler.application.StoryQueries;
import io.starloom.scheduler.application.StoryWatch;
import io.starloom.scheduler.domain.ApiNames;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.domain.Submission;

/** The public REST API: submit stories, follow them, fetch their films. */
@Path("/v1/stories")
@Produces(MediaType.APPLICATION_JSON)
public class StoryResource {
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
    public Uni<Response> submit(SubmitStoryBody body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body == null) {
            throw new InvalidRequestException(java.util.List.of(new FieldError("body", "a JSON story is required")), false);
        }
        Submission submission = new Submission(body.text(),
                ApiNames.parse("language", body.language(), Language.class, "LANGUAGE_", Language.LANGUAGE_UNSPECIFIED),
                ApiNames.parse("style", body.style(), Style.class, "STYLE_", Style.STYLE_CINEMATIC),
                ApiNames.parse("resolution", body.resolution(), Resolution.class, "RESOLUTION_", Resolution.RESOLUTION_720P),
                body.requestId() != null ? body.requestId() : idempotencyKey);
        return callers.current().chain(caller -> commands.submit(caller, submission))
                .map(story -> Response.accepted(StoryJson.of(story)).location(URI.create("/v1/stories/" + story.getId())).build());
    }

    @GET
    @Path("{id: [^/:]+}")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<StoryJson> get(@PathParam("id") String id) {
        return callers.current().chain(caller -> queries.get(caller, id)).map(StoryJson::of);
    }

    @GET
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<StoryPageJson> list(@QueryParam("pageSize") Integer pageSize, @QueryParam("pageToken") String pageToken) {
        return callers.current().chain(caller -> queries.list(caller, pageSize == null ? 0 : pageSize, pageToken))
                .map(page -> new StoryPageJson(page.getStoriesList().stream().map(StoryJson::of).toList(),
                        page.getNextPageToken().isEmpty() ? null : page.getNextPageToken()));
    }

    /** Custom methods in the Google API style: {@code POST /v1/stories/{id}:cancel}. */
    @POST
    @Path("{target}")
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<StoryJson> customMethod(@PathParam("target") String target) {
        int colon = target.lastIndexOf(':');
        if (colon < 0 || !target.substring(colon + 1).equals("cancel")) {
            throw new jakarta.ws.rs.NotFoundException("no such method: " + target);
        }
        String id = target.substring(0, colon);
        return callers.current().chain(caller -> commands.cancel(caller, id)).map(StoryJson::of);
    }

    @GET
    @Path("{id: [^/:]+}/film")
    @Produces("video/mp4")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<java.nio.file.Path> film(@PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.VIDEO));
    }

    @GET
    @Path("{id: [^/:]+}/subtitles.vtt")
    @Produces("text/vtt;charset=utf-8")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<java.nio.file.Path> vtt(@PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.VTT));
    }

    @GET
    @Path("{id: [^/:]+}/subtitles.srt")
    @Produces("application/x-subrip;charset=utf-8")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<java.nio.file.Path> srt(@PathParam("id") String id) {
        return callers.current().chain(caller -> films.file(caller, id, FilmFiles.Kind.SRT));
    }

    @GET
    @Path("{id: [^/:]+}/storyboard")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<String> storyboard(@PathParam("id") String id) {
        return callers.current().chain(caller -> queries.entity(caller, id)).map(story -> {
            if (story.storyboard == null) {
                throw new StoryNotReadyException("story " + story.id + " has no storyboard yet");
            }
            try {
                return JsonFormat.printer().print(Storyboard.parseFrom(story.storyboard));
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
    public Multi<StoryJson> events(@PathParam("id") String id) {
        return callers.current().toMulti().onItem().transformToMultiAndConcatenate(caller -> watch.watch(caller, id)).map(StoryJson::of);
    }
}
