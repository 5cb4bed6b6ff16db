package io.starloom.scheduler.api.rest;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.limits.RateLimitedException;

/** A spent tenant budget as 429 problem+json with Retry-After in whole seconds (RFC 9110 §10.2.3). */
public class RateLimitMapper {
    @ServerExceptionMapper
    public Response limited(RateLimitedException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("rate-limited", "rate-limited", 429, e, locale).response(locale).header("Retry-After", e.retryAfterSeconds()).build();
    }
}
