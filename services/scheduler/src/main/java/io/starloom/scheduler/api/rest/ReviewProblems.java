package io.starloom.scheduler.api.rest;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.domain.ReviewDecidedException;
import io.starloom.scheduler.domain.ReviewNotFoundException;

/** Problems of the review queue as application/problem+json: an unknown case is 404, a decided one 409. */
public class ReviewProblems {
    @ServerExceptionMapper
    public Response notFound(ReviewNotFoundException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("not-found", "review-not-found", 404, e, locale).response(locale).build();
    }

    @ServerExceptionMapper
    public Response decided(ReviewDecidedException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("review-decided", "review-decided", 409, e, locale).response(locale).build();
    }
}
