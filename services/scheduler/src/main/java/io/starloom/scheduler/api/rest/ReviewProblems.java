package io.starloom.scheduler.api.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.domain.ReviewDecidedException;
import io.starloom.scheduler.domain.ReviewNotFoundException;

/** Problems of the review queue as application/problem+json: an unknown case is 404, a decided one 409. */
public class ReviewProblems {
    @ServerExceptionMapper
    public Response notFound(ReviewNotFoundException e) {
        return problem(Problem.of("not-found", "No such review", 404, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response decided(ReviewDecidedException e) {
        return problem(Problem.of("review-decided", "Already decided", 409, e.getMessage()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
