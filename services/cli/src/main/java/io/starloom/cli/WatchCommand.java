package io.starloom.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true, description = "Show a story's progress until it ends.")
class WatchCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        try {
            return Outcome.report(FollowAndFetch.follow(server.client(), id, System.out), System.out, System.err);
        } catch (ApiException e) {
            return Outcome.error(e, System.err);
        }
    }
}
