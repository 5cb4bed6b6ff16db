package io.starloom.scheduler.api.rest;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.limits.TenantRateLimiter;
import io.starloom.scheduler.links.FilmLinks;

/**
 * Download links that expire: a reader asks for a link to a finished film's file and hands it to something
 * that has no token (a player, a browser); the link works until it expires (starloom.links.ttl).
 */
@Path("/v1/film-links")
@Tag(name = "stories")
public class FilmLinkResource {
    /** A link and when it stops working. */
    public record FilmLinkJson(String url, String expireTime) {
    }

    /** Which file of which story: kind video (the default), vtt or srt. */
    public record CreateFilmLinkBody(String storyId, String kind) {
    }

    private final CallerResolver callers;
    private final FilmFiles films;
    private final FilmLinks links;
    private final TenantRateLimiter limiter;

    public FilmLinkResource(CallerResolver callers, FilmFiles films, FilmLinks links, TenantRateLimiter limiter) {
        this.callers = callers;
        this.films = films;
        this.links = links;
        this.limiter = limiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
    @Operation(operationId = "createFilmLink", summary = "Get an expiring download link",
            description = "A URL that downloads the finished film (kind=video, the default), its WebVTT (vtt) or SubRip (srt) subtitles "
                    + "without a token until expireTime.")
    @APIResponse(responseCode = "200", description = "The link.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilmLinkJson.class)))
    @APIResponse(responseCode = "400", description = "storyId missing or kind not video, vtt, srt, translation_vtt, translation_srt, poster or manifest.")
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The story is not COMPLETED yet.")
    public Uni<FilmLinkJson> link(CreateFilmLinkBody body) {
        if (body == null || body.storyId() == null) {
            throw new InvalidRequestException(List.of(new FieldError("storyId", ErrorCode.STORY_ID_REQUIRED)), false);
        }
        String id = body.storyId();
        FilmFiles.Kind file = kind(body.kind());
        return callers.current().chain(caller -> films.file(caller, id, file).map(ignored -> {
            FilmLinks.Grant grant = links.grant(id.trim(), file, caller.tenant());
            return new FilmLinkJson("/v1/film-links/" + links.token(grant), grant.expires().toString());
        }));
    }

    @GET
    @Path("{token}")
    @Produces({ "video/mp4", "text/vtt;charset=utf-8", "application/x-subrip;charset=utf-8", "image/jpeg", "application/json" })
    @PermitAll
    @Operation(operationId = "downloadByLink", summary = "Download by link",
            description = "The file an expiring link names; no token needed. 410 once it has expired.")
    @APIResponse(responseCode = "200", description = "The file.")
    @APIResponse(responseCode = "404", description = "Not a link this service made.")
    @APIResponse(responseCode = "410", description = "The link has expired.")
    public Uni<Response> download(@PathParam("token") String token) {
        FilmLinks.Grant grant = links.verify(token);
        limiter.spend(grant.tenant(), TenantRateLimiter.Kind.CALL);
        return films.file(new Caller("film-link", grant.tenant()), grant.storyId(), grant.kind())
                .map(path -> Response.ok(path).type(grant.kind().mediaType()).build());
    }

    @ServerExceptionMapper
    public Response invalidLink(FilmLinks.InvalidLinkException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return (e.expired() ? Problem.of("link-expired", "link-expired", 410, e, locale)
                : Problem.of("not-found", "link-not-found", 404, e, locale)).response(locale).build();
    }

    private static FilmFiles.Kind kind(String kind) {
        if (kind == null || kind.isBlank() || kind.equalsIgnoreCase("video")) {
            return FilmFiles.Kind.VIDEO;
        }
        try {
            return FilmFiles.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new FieldError("kind", ErrorCode.FILM_LINK_KIND_UNKNOWN)), false);
        }
    }
}
