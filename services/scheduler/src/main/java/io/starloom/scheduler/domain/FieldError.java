package io.starloom.scheduler.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One invalid field of a request and why: a stable {@link ErrorCode} and the arguments of its message, put into
 * words in the caller's language at the API edge.
 */
public record FieldError(String field, ErrorCode code, List<String> args) {
    public FieldError {
        args = List.copyOf(args);
    }

    public FieldError(String field, ErrorCode code, Object... args) {
        this(field, code, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The message in English, the API's default language. */
    public String message() {
        return message(ErrorTexts.ENGLISH);
    }

    public String message(Locale locale) {
        return code.message(locale, args);
    }

    /** The same error named as a field of {@code parent}, e.g. {@code story.text}. */
    public FieldError within(String parent) {
        return new FieldError(parent + "." + field, code, args);
    }
}
