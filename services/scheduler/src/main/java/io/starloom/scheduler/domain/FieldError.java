package io.starloom.scheduler.domain;

/** One invalid field of a request and why. */
public record FieldError(String field, String message) {
}
