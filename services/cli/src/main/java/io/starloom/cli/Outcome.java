package io.starloom.cli;

import java.io.PrintStream;

import com.fasterxml.jackson.databind.JsonNode;

/** Exit codes and the closing words for a story that reached its end. */
final class Outcome {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private Outcome() {
    }

    /** Reports a final story; 0 only when it COMPLETED. */
    static int report(JsonNode story, PrintStream out, PrintStream err) {
        String state = story.path("state").asText();
        if (state.equals("COMPLETED")) {
            out.printf("completed: %s (%.1f s film)%n", story.path("id").asText(), story.path("film").path("durationSeconds").asDouble());
            return OK;
        }
        StringBuilder why = new StringBuilder(state.toLowerCase());
        if (story.hasNonNull("failure")) {
            why.append(": ").append(story.path("failure").path("reason").asText()).append(" — ")
                    .append(story.path("failure").path("message").asText());
        }
        for (JsonNode finding : story.path("findings")) {
            why.append(String.format("%n  %s: \"%s\" at %d–%d", finding.path("category").asText(), finding.path("term").asText(),
                    finding.path("start").asInt(), finding.path("end").asInt()));
        }
        err.println(why);
        return FAILED;
    }

    static int error(ApiException e, PrintStream err) {
        err.println("error: " + e.getMessage());
        return e.badInput() ? BAD_INPUT : FAILED;
    }
}
