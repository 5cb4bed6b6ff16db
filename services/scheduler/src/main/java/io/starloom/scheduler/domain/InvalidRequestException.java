package io.starloom.scheduler.domain;

import java.util.List;

/**
 * A request that cannot be accepted as it is. {@code unprocessable} marks a well-formed request that asks
 * for something this deployment does not offer (HTTP 422) rather than a malformed one (HTTP 400).
 */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;
    private final boolean unprocessable;

    public InvalidRequestException(List<FieldError> errors, boolean unprocessable) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.errors = List.copyOf(errors);
        this.unprocessable = unprocessable;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean unprocessable() {
        return unprocessable;
    }
}
