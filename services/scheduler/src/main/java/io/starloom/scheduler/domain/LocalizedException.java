package io.starloom.scheduler.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A failure the API reports with a stable {@link ErrorCode}; its message is English (logs, the default) and
 * {@link #message(Locale)} gives it in the caller's language.
 */
public class LocalizedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<String> args;

    public LocalizedException(ErrorCode code, Object... args) {
        this(code, Arrays.stream(args).map(String::valueOf).toList());
    }

    private LocalizedException(ErrorCode code, List<String> args) {
        super(code.message(ErrorTexts.ENGLISH, args));
        this.code = code;
        this.args = args;
    }

    public ErrorCode code() {
        return code;
    }

    public String message(Locale locale) {
        return code.message(locale, args);
    }
}
