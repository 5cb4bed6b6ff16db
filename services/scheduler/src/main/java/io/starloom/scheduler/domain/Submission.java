package io.starloom.scheduler.domain;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;

/**
 * A story as a caller submits it, after parsing and before validation.
 *
 * @param profile the model profile the caller named; null or blank for the resolution's
 * @param requireReview the caller asks a reviewer to approve the film before it is published
 */
public record Submission(String text, Language language, Style style, Resolution resolution, String requestId, String profile,
        boolean requireReview) {

    /** A submission that leaves the profile to the resolution and review to the tenant's configuration. */
    public Submission(String text, Language language, Style style, Resolution resolution, String requestId) {
        this(text, language, style, resolution, requestId, null, false);
    }

    public boolean namesProfile() {
        return profile != null && !profile.isBlank();
    }
}
