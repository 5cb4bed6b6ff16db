package io.starloom.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List your newest stories.")
class ListCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--limit", defaultValue = "20", description = "how many (1-100, default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        try {
            for (JsonNode story : server.client().list(limit).path("stories")) {
                System.out.printf("%s  %-10s %3d%%  %s%n", story.path("id").asText(), story.path("state").asText(),
                        story.path("progressPercent").asInt(), story.path("title").asText(""));
            }
            return Outcome.OK;
        } catch (ApiException e) {
            return Outcome.error(e, System.err);
        }
    }
}
