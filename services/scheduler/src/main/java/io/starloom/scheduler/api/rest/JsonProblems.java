package io.starloom.scheduler.api.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/**
 * A request body Jackson could not read, as a 400 naming the field at fault (or "body"). Jackson's
 * own messages name Java types; callers get the field and what was expected instead.
 */
final class JsonProblems {
    private JsonProblems() {
    }

    static InvalidRequestException of(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = String.join(", ", unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
            return invalid(unknown.getPropertyName(), ErrorCode.JSON_UNKNOWN_FIELD, known);
        }
        String field = field(e);
        if (field != null && e instanceof StreamReadException && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return invalid(field, ErrorCode.JSON_DUPLICATE_FIELD);
        }
        if (field != null && e instanceof MismatchedInputException mismatch) {
            return invalid(field, mismatch.getTargetType() == String.class ? ErrorCode.JSON_NOT_STRING : ErrorCode.JSON_WRONG_TYPE);
        }
        if (e instanceof MismatchedInputException) {
            return invalid("body", ErrorCode.JSON_NOT_ONE_OBJECT);
        }
        return e.getLocation() == null ? invalid("body", ErrorCode.JSON_MALFORMED)
                : invalid("body", ErrorCode.JSON_MALFORMED_AT, e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    /** The field being read when it failed: the end of the mapping path, or the parser's current field. */
    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            return read.getProcessor().getParsingContext().getCurrentName();
        }
        return null;
    }

    private static InvalidRequestException invalid(String field, ErrorCode code, Object... args) {
        return new InvalidRequestException(List.of(new FieldError(field, code, args)), false);
    }
}
