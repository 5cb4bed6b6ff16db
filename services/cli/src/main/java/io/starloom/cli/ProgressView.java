package io.starloom.cli;

import java.io.PrintStream;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shows a story's progress: one redrawn bar on a terminal, one line per change otherwise (logs, CI).
 */
final class ProgressView {
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private String lastLine = "";

    ProgressView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(JsonNode story) {
        String line = line(story, Duration.ofNanos(System.nanoTime() - startNanos));
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish() {
        if (terminal && !lastLine.isEmpty()) {
            out.println();
        }
    }

    static String line(JsonNode story, Duration elapsed) {
        int percent = story.path("progressPercent").asInt();
        int filled = percent * BAR_WIDTH / 100;
        int total = story.path("shots").size();
        long done = 0;
        for (JsonNode shot : story.path("shots")) {
            String state = shot.path("state").asText();
            if (state.equals("GENERATED") || state.equals("SCREENED")) {
                done++;
            }
        }
        String shots = total == 0 ? "" : String.format("  shots %d/%d", done, total);
        return String.format("[%s%s] %3d%%  %-10s%s  %02d:%02d", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), percent,
                story.path("state").asText(), shots, elapsed.toMinutes(), elapsed.toSecondsPart());
    }
}
