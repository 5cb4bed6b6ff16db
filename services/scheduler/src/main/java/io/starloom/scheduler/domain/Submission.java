package io.starloom.scheduler.domain;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

/**
 * A story as a caller submits it, after parsing and before validation.
 *
 * @param profile the model profile the caller named; null or blank for the resolution's
 * @param requireReview the caller asks a reviewer to approve the film before it is published
 * @param film how the film is made: voice, aspect ratio, burned-in subtitles
 * @param options seed, film length and webhook URL
 * @param storyboard a storyboard the caller edited from a preview, to film instead of a plan of the text; null for none
 */
public record Submission(String text, Language language, Style style, Resolution resolution, String requestId, String profile,
        boolean requireReview, FilmOptions film, StoryOptions options, Storyboard storyboard) {

    public Submission {
        film = film == null ? FilmOptions.DEFAULT : film;
        options = options == null ? StoryOptions.NONE : options;
    }

    /** A submission that leaves the profile to the resolution, review to the tenant and the film to its defaults. */
    public Submission(String text, Language language, Style style, Resolution resolution, String requestId) {
        this(text, language, style, resolution, requestId, null, false, FilmOptions.DEFAULT, StoryOptions.NONE, null);
    }

    /** A submission without an edited storyboard. */
    public Submission(String text, Language language, Style style, Resolution resolution, String requestId, String profile,
            boolean requireReview, FilmOptions film, StoryOptions options) {
        this(text, language, style, resolution, requestId, profile, requireReview, film, options, null);
    }

    public boolean namesProfile() {
        return profile != null && !profile.isBlank();
    }
}
