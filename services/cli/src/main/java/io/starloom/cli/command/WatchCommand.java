package io.starloom.cli.command;

import java.util.concurrent.Callable;

import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Show a story's progress live until it ends: a progress bar on a terminal, a line per change otherwise. "
                + "Exits 0 when it completed, 1 with the reason when it failed, was rejected or canceled.")
public final class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the story")
    String storyId;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() {
        try (Starloom starloom = top.connection.connect()) {
            return StoryFollower.report(StoryFollower.follow(starloom, storyId, spec.commandLine().getOut(), Terminal.interactive()),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
