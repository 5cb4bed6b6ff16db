package io.starloom.scheduler.domain;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A request that cannot be accepted as it is. {@code unprocessable} marks a well-formed request that asks
 * for something this deployment does not offer (HTTP 422) rather than a malformed one (HTTP 400).
 */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;
    private final boolean unprocessable;

    public InvalidRequestException(List<FieldError> errors, boolean unprocessable) {
        super(detail(errors, ErrorTexts.ENGLISH));
        this.errors = List.copyOf(errors);
        this.unprocessable = unprocessable;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean unprocessable() {
        return unprocessable;
    }

    /** Every field at fault and why, in {@code locale}: "text: …; style: …". */
    public String detail(Locale locale) {
        return detail(errors, locale);
    }

    private static String detail(List<FieldError> errors, Locale locale) {
        return errors.isEmpty() ? "invalid request"
                : errors.stream().map(e -> e.field() + ": " + e.message(locale)).collect(Collectors.joining("; "));
    }
}
