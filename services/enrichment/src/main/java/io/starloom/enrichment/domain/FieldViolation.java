package io.starloom.enrichment.domain;

/**
 * One reason a story cannot be enriched.
 *
 * @param field the request field at fault ({@code text}, {@code language}, {@code style})
 * @param reason machine-readable, e.g. {@code EMPTY_TEXT}
 * @param description for people
 */
public record FieldViolation(String field, String reason, String description) {
}
