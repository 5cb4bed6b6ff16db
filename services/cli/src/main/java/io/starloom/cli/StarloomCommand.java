package io.starloom.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code starloom}: submit star myths, follow them and fetch their films. */
@TopCommand
@Command(name = "starloom", mixinStandardHelpOptions = true, version = "starloom 0.1",
        description = "Turns a star myth into a narrated, subtitled film.",
        subcommands = { SubmitCommand.class, WatchCommand.class, GetCommand.class, ListCommand.class, CancelCommand.class,
                DownloadCommand.class })
public class StarloomCommand {
}
