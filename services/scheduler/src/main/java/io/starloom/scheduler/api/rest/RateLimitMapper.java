package io.starloom.scheduler.api.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.limits.RateLimitedException;

/** A spent tenant budget as 429 problem+json with Retry-After in whole seconds (RFC 9110 §10.2.3). */
public class RateLimitMapper {
    @ServerExceptionMapper
    public Response limited(RateLimitedException e) {
        return Response.status(429).header("Retry-After", e.retryAfterSeconds()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of("rate-limited", "Too many requests", 429, e.getMessage())).build();
    }
}
