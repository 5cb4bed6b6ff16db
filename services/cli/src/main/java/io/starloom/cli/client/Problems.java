package io.starloom.cli.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/** An HTTP error, usually an RFC 9457 application/problem+json body, as one line for people. */
public final class Problems {
    private Problems() {
    }

    public static CliException describe(int status, String body) {
        return describe(status, body, CliLanguage.current());
    }

    /** The problem's own words are in the language the CLI asked for (Accept-Language); the CLI adds its own in {@code locale}. */
    static CliException describe(int status, String body, Locale locale) {
        if (status == 401) {
            return new CliException(CliLanguage.text(locale, "not_signed_in"), ExitCode.FAILED);
        }
        String message = problemLine(body);
        if (message == null) {
            message = "HTTP " + status;
        }
        if (status == 403) {
            message = CliLanguage.text(locale, "forbidden", message);
        }
        boolean badInput = status == 400 || status == 404 || status == 422;
        return new CliException(message, badInput ? ExitCode.BAD_INPUT : ExitCode.FAILED);
    }

    /** "title: field: message; field: message" or "title: detail"; null when the body is not a problem. */
    static String problemLine(String body) {
        JsonObject problem;
        try {
            JsonElement parsed = JsonParser.parseString(body == null ? "" : body);
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("title")) {
                return null;
            }
            problem = parsed.getAsJsonObject();
        } catch (JsonParseException notJson) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        if (problem.has("errors") && problem.get("errors").isJsonArray()) {
            for (JsonElement error : problem.getAsJsonArray("errors")) {
                if (error.isJsonObject()) {
                    fields.add(text(error.getAsJsonObject(), "field") + ": " + text(error.getAsJsonObject(), "message"));
                }
            }
        }
        String title = text(problem, "title");
        if (!fields.isEmpty()) {
            return title + ": " + String.join("; ", fields);
        }
        String detail = text(problem, "detail");
        return detail.isEmpty() ? title : title + ": " + detail;
    }

    private static String text(JsonObject object, String member) {
        JsonElement value = object.get(member);
        if (value == null || value.isJsonNull()) {
            return "";
        }
        return value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }
}
