package io.starloom.scheduler.api.rest;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.domain.StoryNotReadyException;

/**
 * Every failure of the REST API as an application/problem+json body: precise status, no internals, in the
 * language the caller's Accept-Language asks for.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.invalid(e, locale).response(locale).build();
    }

    @ServerExceptionMapper
    public Response notFound(StoryNotFoundException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("not-found", "story-not-found", 404, e, locale).response(locale).build();
    }

    @ServerExceptionMapper
    public Response notReady(StoryNotReadyException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("not-ready", "not-ready", 409, e, locale).response(locale).build();
    }

    /** Also claims MismatchedInputException, which Quarkus would otherwise answer itself with plain JSON. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response malformedJson(JsonProcessingException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.invalid(JsonProblems.of(e), locale).response(locale).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("forbidden", "forbidden", 403, CallerResolver.refusal(e), locale, CallerResolver.refusalArgs(e))
                .response(locale).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        // Quarkus wraps JSON syntax errors in a plain 400 before any mapper sees them.
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, headers);
        }
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return e.getResponse();
        }
        Locale locale = Problem.locale(headers);
        if (status == 400) {
            FieldError unreadable = new FieldError("body", ErrorCode.BODY_UNREADABLE);
            return Problem.invalid(400, unreadable.message(locale), List.of(unreadable), locale).response(locale).build();
        }
        // Resteasy's own wording for these names Java annotations.
        ErrorCode code = switch (status) {
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.HTTP_ERROR;
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.of("http-" + status, "http-error", status, code, locale, List.of(String.valueOf(e.getMessage())),
                status, known == null ? "Error" : known.getReasonPhrase()).response(locale).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e, HttpHeaders headers) {
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return Response.status(401).build();
        }
        LOG.error("unexpected failure", e);
        Locale locale = Problem.locale(headers);
        return Problem.of("internal", "internal", 500, ErrorCode.INTERNAL, locale, List.of()).response(locale).build();
    }
}
