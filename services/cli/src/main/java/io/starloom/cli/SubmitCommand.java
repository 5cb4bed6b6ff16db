package io.starloom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a story (a file or --text).")
class SubmitCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Story story;

    static class Story {
        @Parameters(paramLabel = "FILE", description = "UTF-8 text file with the story")
        Path file;

        @Option(names = "--text", description = "the story itself")
        String text;
    }

    @Option(names = "--language", description = "zh or en (default: detected)")
    String language;

    @Option(names = "--style", description = "cinematic, ink-wash or planetarium (default cinematic)")
    String style;

    @Option(names = "--resolution", description = "480p or 720p (default 720p)")
    String resolution;

    @Option(names = "--request-id", description = "idempotency key: submitting again with it returns the same story")
    String requestId;

    @Option(names = "--wait", description = "follow the story to its end and download the film")
    boolean await;

    @Option(names = "--out", defaultValue = "out", description = "where --wait saves the film (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        String text;
        try {
            text = story.text != null ? story.text : Files.readString(story.file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("error: cannot read story file " + story.file + ": " + e.getMessage());
            return Outcome.BAD_INPUT;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        putIfSet(body, "language", language);
        putIfSet(body, "style", style);
        putIfSet(body, "resolution", resolution);
        putIfSet(body, "requestId", requestId);
        StarloomClient client = server.client();
        try {
            JsonNode accepted = client.submit(body);
            String id = accepted.path("id").asText();
            System.out.println("submitted: " + id);
            if (!await) {
                return Outcome.OK;
            }
            JsonNode last = FollowAndFetch.follow(client, id, System.out);
            int result = Outcome.report(last, System.out, System.err);
            if (result == Outcome.OK) {
                FollowAndFetch.fetch(client, id, out, System.out);
            }
            return result;
        } catch (ApiException e) {
            return Outcome.error(e, System.err);
        }
    }

    private static void putIfSet(Map<String, Object> body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
