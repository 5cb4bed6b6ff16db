package io.starloom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download", mixinStandardHelpOptions = true, description = "Save a finished story's film, subtitles and storyboard.")
class DownloadCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--out", defaultValue = "out", description = "target folder (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        try {
            FollowAndFetch.fetch(server.client(), id, out, System.out);
            return Outcome.OK;
        } catch (ApiException e) {
            return Outcome.error(e, System.err);
        }
    }
}
