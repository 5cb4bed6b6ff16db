package io.starloom.studio.web;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.studio.scheduler.SchedulerApi;

/**
 * The film's files and the live progress stream, fetched from the scheduler with the session's token and passed
 * through: the browser only ever talks to the studio, with its session cookie.
 */
@Path("/stories/{id}")
@Authenticated
public class MediaProxy {
    /** The scheduler's film files a page links to (docs/api.md). */
    static final Set<String> FILES = Set.of("film", "subtitles.vtt", "subtitles.srt", "subtitles.translation.vtt",
            "subtitles.translation.srt", "poster.jpg", "manifest.json");
    private static final Set<String> PASSED_HEADERS = Set.of("Content-Type", "Content-Range", "Accept-Ranges",
            "ETag", "Last-Modified");

    private final SchedulerApi scheduler;

    MediaProxy(@RestClient SchedulerApi scheduler) {
        this.scheduler = scheduler;
    }

    /** Each event's data is the story JSON, as the scheduler sends it; the stream ends when the story does. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events(@RestPath String id) {
        return scheduler.events(id);
    }

    @GET
    @Path("media/{file}")
    @Produces(MediaType.WILDCARD)
    public Uni<Response> file(@RestPath String id, @RestPath String file, @HeaderParam("Range") String range) {
        if (!FILES.contains(file)) {
            throw new NotFoundException();
        }
        return scheduler.file(id, file, range).map(upstream -> {
            Response.ResponseBuilder response = Response.status(upstream.getStatus()).entity(upstream.readEntity(byte[].class));
            upstream.getHeaders().forEach((name, values) -> {
                if (PASSED_HEADERS.stream().anyMatch(name::equalsIgnoreCase) && !values.isEmpty()) {
                    response.header(name, values.get(0));
                }
            });
            // Downloads carry a name; the page's <video> and <track> ignore it.
            response.header("Content-Disposition", "inline; filename=\"" + (file.equals("film") ? "film.mp4" : file) + "\"");
            response.header("Cache-Control", "private, max-age=300");
            return response.build();
        });
    }
}
