package io.starloom.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Print a story as JSON.")
class GetCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        try {
            System.out.println(server.client().get(id).toPrettyString());
            return Outcome.OK;
        } catch (ApiException e) {
            return Outcome.error(e, System.err);
        }
    }
}
