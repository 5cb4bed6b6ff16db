package io.starloom.studio.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.studio.scheduler.SchedulerApi;
import io.starloom.studio.scheduler.SchedulerFiles;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClientResponse;

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
    private final SchedulerFiles files;

    MediaProxy(@RestClient SchedulerApi scheduler, SchedulerFiles files) {
        this.scheduler = scheduler;
        this.files = files;
    }

    /** Each event's data is the story JSON, as the scheduler sends it; the stream ends when the story does. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events(@RestPath String id) {
        return scheduler.events(id);
    }

    /**
     * Streamed, never held whole: the scheduler's status, range and type headers are passed on, and its body chunk by
     * chunk. The scheduler's refusals (404 for another tenant's story, 409 before the film exists) become the studio's
     * error pages.
     */
    @GET
    @Path("media/{file}")
    // A concrete type, so that the stream is sent as raw chunks (a wildcard makes it SSE); the scheduler's own
    // Content-Type replaces it.
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<byte[]> file(@RestPath String id, @RestPath String file, @HeaderParam("Range") String range) {
        if (!FILES.contains(file)) {
            throw new NotFoundException();
        }
        return stream("/stories/" + id + "/" + file, range, file.equals("film") ? "film.mp4" : file);
    }

    /** A shot's thumbnail while the story renders; the page adds the attempt to the address so that a new clip's is not cached. */
    @GET
    @Path("shots/{index}/thumbnail")
    @Produces("image/jpeg")
    public RestMulti<byte[]> thumbnail(@RestPath String id, @RestPath int index) {
        return stream("/stories/" + id + "/shots/" + index + "/thumbnail", null, "shot-" + index + ".jpg");
    }

    private RestMulti<byte[]> stream(String path, String range, String name) {
        Uni<HttpClientResponse> upstream = files.get(path, range).invoke(response -> {
            if (response.statusCode() >= 400) {
                response.resume();
                throw new WebApplicationException(response.statusCode());
            }
        });
        return RestMulti.fromUniResponse(upstream, response -> response.toMulti().map(Buffer::getBytes), response -> headers(response, name),
                HttpClientResponse::statusCode);
    }

    private static Map<String, List<String>> headers(HttpClientResponse upstream, String name) {
        Map<String, List<String>> headers = new HashMap<>();
        // Under the names spelled here: HTTP/1.1 names are case-insensitive, and a server may send "Content-type".
        PASSED_HEADERS.stream().filter(header -> upstream.getHeader(header) != null)
                .forEach(header -> headers.put(header, List.of(upstream.getHeader(header))));
        // Downloads carry a name; the page's <video> and <track> ignore it.
        headers.put("Content-Disposition", List.of("inline; filename=\"" + name + "\""));
        headers.put("Cache-Control", List.of("private, max-age=300"));
        return headers;
    }
}
