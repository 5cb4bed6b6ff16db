package io.starloom.scheduler.api.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.fleet.PriorityNotAllowedException;
import io.starloom.scheduler.fleet.QuotaExceededException;

/** The fleet's refusals of a submission as problem+json: the priority field at fault, or the quota spent. */
public class FleetProblemMappers {
    @ServerExceptionMapper
    public Response priority(PriorityNotAllowedException e) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(new Problem("https://starloom.dev/problems/priority-not-allowed",
                "Priority not allowed", 403, e.getMessage(), List.of(e.error()))).build();
    }

    @ServerExceptionMapper
    public Response quota(QuotaExceededException e) {
        return Response.status(429).header("Retry-After", e.retryAfterSeconds()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of("quota-exceeded", "Quota exceeded: " + e.quota(), 429, e.getMessage())).build();
    }
}
