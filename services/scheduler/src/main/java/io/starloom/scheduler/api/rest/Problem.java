package io.starloom.scheduler.api.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.starloom.scheduler.domain.FieldError;

/** An RFC 9457 problem detail, with the fields at fault in {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem detail (application/problem+json).")
public record Problem(
        @Schema(description = "Identifies the kind of problem, e.g. https://starloom.dev/problems/invalid-request.") String type,
        @Schema(description = "Short summary of the kind of problem.") String title,
        @Schema(description = "The HTTP status code.") int status,
        @Schema(description = "What went wrong with this request, for people.") String detail,
        @Schema(description = "The request fields at fault (JSON field or query parameter names); absent when no field is.")
        List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://starloom.dev/problems/";

    static Problem of(String type, String title, int status, String detail) {
        return new Problem(TYPE_BASE + type, title, status, detail, List.of());
    }

    static Problem invalid(int status, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + (status == 422 ? "unprocessable-request" : "invalid-request"),
                status == 422 ? "The request cannot be served" : "The request is invalid", status, detail, errors);
    }
}
