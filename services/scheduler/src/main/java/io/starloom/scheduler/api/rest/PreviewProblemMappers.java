package io.starloom.scheduler.api.rest;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.domain.EnrichmentUnavailableException;

/** Enrichment out of reach during a preview: 503 problem+json with a Retry-After, never a 500. */
public class PreviewProblemMappers {
    /** Enrichment restarts in seconds; a client retrying sooner only adds load. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response unavailable(EnrichmentUnavailableException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("unavailable", "unavailable", 503, e, locale).response(locale).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
