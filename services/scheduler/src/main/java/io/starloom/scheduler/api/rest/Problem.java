package io.starloom.scheduler.api.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.starloom.scheduler.domain.FieldError;

/** An RFC 9457 problem detail, with the fields at fault in {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
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
