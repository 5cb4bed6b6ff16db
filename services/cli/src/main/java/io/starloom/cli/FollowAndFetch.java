package io.starloom.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/** Watching a story to its end and saving what it produced: shared by watch, submit --wait and download. */
final class FollowAndFetch {
    private FollowAndFetch() {
    }

    static JsonNode follow(StarloomClient client, String id, PrintStream out) {
        ProgressView view = new ProgressView(out, System.console() != null);
        JsonNode[] last = { client.get(id) };
        view.show(last[0]);
        if (!StoryStates.isFinal(last[0])) {
            client.watch(id, story -> {
                last[0] = story;
                view.show(story);
            });
        }
        view.finish();
        return StoryStates.isFinal(last[0]) ? last[0] : client.get(id);
    }

    static void fetch(StarloomClient client, String id, Path dir, PrintStream out) {
        client.download(id, "film", dir.resolve("film.mp4"));
        client.download(id, "subtitles.vtt", dir.resolve("film.vtt"));
        client.download(id, "subtitles.srt", dir.resolve("film.srt"));
        client.download(id, "storyboard", dir.resolve("storyboard.json"));
        out.println("saved film.mp4, film.vtt, film.srt and storyboard.json in " + dir.toAbsolutePath().normalize());
    }

    /** The end states of the story lifecycle. */
    static final class StoryStates {
        private StoryStates() {
        }

        static boolean isFinal(JsonNode story) {
            return switch (story.path("state").asText()) {
                case "COMPLETED", "FAILED", "REJECTED", "CANCELED" -> true;
                default -> false;
            };
        }
    }
}
