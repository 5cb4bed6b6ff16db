package io.starloom.scheduler.api.rest;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.AuthenticationFailedException;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.domain.StoryNotReadyException;

/** Every failure of the REST API as an application/problem+json body: precise status, no internals. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        int status = e.unprocessable() ? 422 : 400;
        return problem(Problem.invalid(status, e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response notFound(StoryNotFoundException e) {
        return problem(Problem.of("not-found", "No such story", 404, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notReady(StoryNotReadyException e) {
        return problem(Problem.of("not-ready", "Not ready yet", 409, e.getMessage()));
    }

    /** Also claims MismatchedInputException, which Quarkus would otherwise answer itself with plain JSON. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response malformedJson(JsonProcessingException e) {
        return problem(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Problem.of("forbidden", "Forbidden", 403,
                e.getMessage() == null ? "the token lacks the role this operation needs" : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus wraps JSON syntax errors in a plain 400 before any mapper sees them.
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return e.getResponse();
        }
        // Resteasy's own wording for these names Java annotations.
        String detail = switch (status) {
            case 400 -> "the request could not be read: " + e.getMessage();
            case 406 -> "none of the media types in Accept is one this operation produces";
            case 415 -> "the Content-Type is not one this operation accepts";
            default -> e.getMessage();
        };
        return problem(status == 400 ? Problem.invalid(400, detail, List.of(new FieldError("body", "unreadable request")))
                : Problem.of("http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase(), status, detail));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return Response.status(401).build();
        }
        LOG.error("unexpected failure", e);
        return problem(Problem.of("internal", "Internal error", 500, "something went wrong on our side; it has been logged"));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
