package io.starloom.scheduler.api.rest;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.starloom.scheduler.fleet.PriorityNotAllowedException;
import io.starloom.scheduler.fleet.QuotaExceededException;

/** The fleet's refusals of a submission as problem+json: the priority field at fault, or the quota spent. */
public class FleetProblemMappers {
    @ServerExceptionMapper
    public Response priority(PriorityNotAllowedException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        Problem problem = Problem.of("priority-not-allowed", "priority-not-allowed", 403, e, locale);
        return new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), problem.code(),
                List.of(Problem.FieldProblem.of(e.error(), locale))).response(locale).build();
    }

    @ServerExceptionMapper
    public Response quota(QuotaExceededException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("quota-exceeded", "quota-exceeded", 429, e, locale, e.quota()).response(locale)
                .header("Retry-After", e.retryAfterSeconds()).build();
    }
}
