package io.starloom.scheduler.domain;

import java.util.List;
import java.util.Locale;

/**
 * The stable, machine-readable reason of every error the public API returns: the same in every language, so
 * clients match on it (problem+json {@code code}, gRPC {@code ErrorInfo.reason} and {@code FieldViolation.reason}).
 * Its words, in English and Chinese, live in {@code i18n/errors*.properties} under the constant's name.
 */
public enum ErrorCode {
    // Submissions.
    TEXT_REQUIRED,
    TEXT_TOO_LONG,
    TEXT_UNPAIRED_SURROGATE,
    TEXT_CONTROL_CHARACTER,
    NARRATION_EMPTY,
    NARRATION_EXCEEDS_FILM,
    REQUEST_ID_TOO_LONG,
    PROFILE_NAME_INVALID,
    PROFILE_NOT_SERVED,
    RESOLUTION_NOT_OFFERED,
    RESOLUTION_PROFILE_NOT_SERVED,
    TRANSLATION_SAME_LANGUAGE,
    TRANSLATION_NOT_OFFERED,
    TRANSLATION_LANGUAGE_UNKNOWN,
    VOICE_NAME_INVALID,
    VOICE_NOT_OFFERED,
    ASPECT_RATIO_UNKNOWN,
    SEED_OUT_OF_RANGE,
    TARGET_SECONDS_OUT_OF_RANGE,
    UNKNOWN_NAME,
    UNKNOWN_ENUM_NUMBER,
    PRIORITY_UNKNOWN,
    PRIORITY_NOT_ALLOWED,
    QUOTA_GPU_SECONDS,
    RATE_LIMITED_CALLS,
    RATE_LIMITED_SUBMISSIONS,
    // Request shape, paging, ids.
    STORY_BODY_REQUIRED,
    BODY_REQUIRED,
    BODY_UNREADABLE,
    JSON_UNKNOWN_FIELD,
    JSON_DUPLICATE_FIELD,
    JSON_NOT_STRING,
    JSON_WRONG_TYPE,
    JSON_NOT_ONE_OBJECT,
    JSON_MALFORMED,
    JSON_MALFORMED_AT,
    PAGE_SIZE_OUT_OF_RANGE,
    PAGE_TOKEN_INVALID,
    NOT_A_SHOT_INDEX,
    SHOT_INDEX_OUT_OF_RANGE,
    STORY_ID_REQUIRED,
    FILM_LINK_KIND_UNKNOWN,
    FILM_FILE_UNKNOWN,
    // Stories, films, links.
    STORY_NOT_FOUND,
    SHOT_THUMBNAIL_NOT_FOUND,
    FILM_FILE_NOT_FOUND,
    STORYBOARD_NOT_READY,
    FILM_NOT_READY,
    SHOT_CANCEL_NOT_ACTIVE,
    LINK_NOT_FOUND,
    LINK_EXPIRED,
    // Storyboard previews and edits (enrichment's reasons, prefixed).
    STORY_REQUIRED,
    STORYBOARD_UNREADABLE,
    PREVIEW_TIMEOUT,
    PREVIEW_UNAVAILABLE,
    ENRICHMENT_REFUSED,
    ENRICHMENT_EMPTY_TEXT,
    ENRICHMENT_TEXT_TOO_LONG,
    ENRICHMENT_UNKNOWN_LANGUAGE,
    ENRICHMENT_UNKNOWN_STYLE,
    ENRICHMENT_INVALID_OPTIONS,
    ENRICHMENT_SHOT_COUNT,
    ENRICHMENT_EMPTY_PROMPT,
    ENRICHMENT_DURATION,
    ENRICHMENT_NARRATION_TOO_LONG,
    ENRICHMENT_UNKNOWN_CONSTELLATION,
    ENRICHMENT_TOO_LONG,
    ENRICHMENT_CONTROL_CHARACTERS,
    ENRICHMENT_INSTRUCTION,
    // Reviews.
    REVIEW_NOT_FOUND,
    REVIEW_ALREADY_DECIDED,
    REVIEW_BODY_REQUIRED,
    REVIEW_REASON_REQUIRED,
    REVIEW_STATE_UNKNOWN,
    REVIEW_STATE_FILTER,
    // Webhooks.
    WEBHOOK_NOT_FOUND,
    WEBHOOK_URL_REQUIRED,
    WEBHOOK_URL_REFUSED,
    WEBHOOK_LIMIT_REACHED,
    WEBHOOK_DESCRIPTION_INVALID,
    WEBHOOK_EVENT_TYPE_UNKNOWN,
    WEBHOOK_TARGET_EXCLUSIVE,
    WEBHOOK_UPDATE_MASK_PATH,
    WEBHOOK_GRACE_PERIOD_OUT_OF_RANGE,
    STORY_WEBHOOK_NO_SECRET,
    // Access and the transport.
    UNAUTHENTICATED,
    ROLE_MISSING,
    TENANT_MISSING,
    TENANT_INVALID,
    NOT_ACCEPTABLE,
    UNSUPPORTED_MEDIA_TYPE,
    HTTP_ERROR,
    INTERNAL;

    /** The words for this code in {@code locale} (English when there are none), its arguments filled in. */
    public String message(Locale locale, List<String> args) {
        return ErrorTexts.format(name(), locale, args);
    }

    /** The code enrichment's {@code reason} stands for here; {@link #ENRICHMENT_REFUSED} for one this build does not know. */
    public static ErrorCode ofEnrichment(String reason) {
        try {
            return valueOf("ENRICHMENT_" + reason);
        } catch (IllegalArgumentException unknown) {
            return ENRICHMENT_REFUSED;
        }
    }
}
