package io.starloom.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a story in progress.")
class CancelCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        try {
            System.out.println(server.client().cancel(id).path("state").asText());
            return Outcome.OK;
        } catch (ApiException e) {
            return Outcome.error(e, System.err);
        }
    }
}
