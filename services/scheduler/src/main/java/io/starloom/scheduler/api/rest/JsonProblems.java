package io.starloom.scheduler.api.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.starloom.scheduler.domain.FieldError;

/**
 * A request body Jackson could not read, as a 400 problem naming the field at fault (or "body"). Jackson's
 * own messages name Java types; callers get the field and what was expected instead.
 */
final class JsonProblems {
    private JsonProblems() {
    }

    static Problem of(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = String.join(", ", unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
            return invalid(unknown.getPropertyName(), "unknown field '" + unknown.getPropertyName() + "'",
                    "is not a field of this request; the fields are " + known);
        }
        String field = field(e);
        if (field != null && e instanceof StreamReadException && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return invalid(field, "field '" + field + "' appears more than once", "appears more than once; send it once");
        }
        if (field != null && e instanceof MismatchedInputException mismatch) {
            String expected = mismatch.getTargetType() == String.class ? "must be a JSON string" : "has the wrong type";
            return invalid(field, "field '" + field + "' " + expected, expected);
        }
        if (e instanceof MismatchedInputException) {
            return invalid("body", "the body must be one JSON object", "must be one JSON object and nothing else");
        }
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return invalid("body", "the body is not a JSON story object" + where, "malformed JSON" + where);
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

    private static Problem invalid(String field, String detail, String message) {
        return Problem.invalid(400, detail, List.of(new FieldError(field, message)));
    }
}
