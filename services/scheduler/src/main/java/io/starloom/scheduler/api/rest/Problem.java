package io.starloom.scheduler.api.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.starloom.scheduler.api.ApiLanguages;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.ErrorTexts;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.LocalizedException;

/**
 * An RFC 9457 problem detail, with the fields at fault in {@code errors}. {@code title}, {@code detail} and each
 * error's {@code message} are in the caller's language (Accept-Language, named by Content-Language); {@code code}s stay the same.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem detail (application/problem+json), in the language Accept-Language asks for"
        + " (zh or en, default en; the response's Content-Language names it).")
public record Problem(
        @Schema(description = "Identifies the kind of problem, e.g. https://starloom.dev/problems/invalid-request.") String type,
        @Schema(description = "Short summary of the kind of problem, in the caller's language.") String title,
        @Schema(description = "The HTTP status code.") int status,
        @Schema(description = "What went wrong with this request, for people, in the caller's language.") String detail,
        @Schema(description = "Stable, machine-readable reason, the same in every language, e.g. STORY_NOT_FOUND or INVALID_REQUEST.")
        String code,
        @Schema(description = "The request fields at fault (JSON field or query parameter names); absent when no field is.")
        List<FieldProblem> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://starloom.dev/problems/";

    /** One request field at fault and why. */
    @Schema(name = "FieldError", description = "One request field at fault and why.")
    public record FieldProblem(
            @Schema(description = "The JSON field or query parameter, as the request names it, or \"body\" when the body as a whole"
                    + " cannot be read.") String field,
            @Schema(description = "Stable, machine-readable reason, the same in every language, e.g. TEXT_REQUIRED.") String code,
            @Schema(description = "What is wrong with it, for people, in the caller's language.") String message) {
        static FieldProblem of(FieldError error, Locale locale) {
            return new FieldProblem(error.field(), error.code().name(), error.message(locale));
        }
    }

    /** The language {@code headers} ask errors in. */
    static Locale locale(HttpHeaders headers) {
        return ApiLanguages.negotiate(headers.getHeaderString(ApiLanguages.HEADER));
    }

    /** A problem of kind {@code type}, titled by {@code title.<titleKey>} in the bundle, its detail the failure's own words. */
    static Problem of(String type, String titleKey, int status, LocalizedException failure, Locale locale, Object... titleArgs) {
        return new Problem(TYPE_BASE + type, title(titleKey, locale, titleArgs), status, failure.message(locale), failure.code().name(),
                List.of());
    }

    static Problem of(String type, String titleKey, int status, ErrorCode code, Locale locale, List<String> args, Object... titleArgs) {
        return new Problem(TYPE_BASE + type, title(titleKey, locale, titleArgs), status, code.message(locale, args), code.name(), List.of());
    }

    static Problem invalid(InvalidRequestException e, Locale locale) {
        return invalid(e.unprocessable() ? 422 : 400, e.detail(locale), e.errors(), locale);
    }

    static Problem invalid(int status, String detail, List<FieldError> errors, Locale locale) {
        String kind = status == 422 ? "unprocessable-request" : "invalid-request";
        return new Problem(TYPE_BASE + kind, title(kind, locale), status, detail, kind.toUpperCase(Locale.ROOT).replace('-', '_'),
                errors.stream().map(error -> FieldProblem.of(error, locale)).toList());
    }

    /** The problem as a response, its Content-Language the language it is written in. */
    Response.ResponseBuilder response(Locale locale) {
        return Response.status(status).type(MEDIA_TYPE).header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag()).entity(this);
    }

    private static String title(String key, Locale locale, Object... args) {
        return ErrorTexts.format("title." + key, locale, Arrays.stream(args).map(String::valueOf).toList());
    }
}
