package io.starloom.scheduler.domain;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;

/** A story as a caller submits it, after parsing and before validation. */
public record Submission(String text, Language language, Style style, Resolution resolution, String requestId, FilmOptions film) {

    public Submission {
        film = film == null ? FilmOptions.DEFAULT : film;
    }

    /** A submission with the default film options. */
    public Submission(String text, Language language, Style style, Resolution resolution, String requestId) {
        this(text, language, style, resolution, requestId, FilmOptions.DEFAULT);
    }
}
