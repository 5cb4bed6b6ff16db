package io.starloom.cli.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Save a finished story's film.mp4 (checked against its SHA-256), film.vtt, film.srt and storyboard.json.")
public final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the story")
    String storyId;

    @Option(names = "--out", paramLabel = "DIR", description = "target folder (default out/<story id>)")
    Path out;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() {
        try (Starloom starloom = top.connection.connect()) {
            Path folder = out != null ? out : FilmFiles.defaultFolder(storyId);
            FilmFiles.save(starloom, starloom.get(storyId), folder, spec.commandLine().getOut());
        }
        return ExitCode.OK;
    }
}
