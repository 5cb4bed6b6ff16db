package io.starloom.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.Terminal;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.SubmitStoryRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submit a story: a UTF-8 text file (- for standard input) or --text. With --wait, follow it to its end "
                + "and save the film, subtitles and storyboard.")
public final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoryOptions story;

    @Option(names = "--wait", description = "watch the story until it ends, then save its files")
    boolean await;

    @Option(names = "--out", paramLabel = "DIR", description = "where --wait saves film.mp4, film.vtt, film.srt and storyboard.json "
            + "(default out/<story id>)")
    Path out;

    @ParentCommand
    StarloomCommand top;

    @Override
    public Integer call() {
        if (out != null && !await) {
            throw new CliException("--out is where --wait saves the film; add --wait (or use 'starloom download ID --out DIR')",
                    ExitCode.BAD_INPUT);
        }
        SubmitStoryRequest request = request(storyText());
        PrintWriter stdout = spec.commandLine().getOut();
        try (Starloom starloom = top.connection.connect()) {
            Story story = starloom.submit(request);
            stdout.println("submitted: " + story.getId() + (story.getTitle().isBlank() ? "" : "  " + story.getTitle()));
            if (!await) {
                return ExitCode.OK;
            }
            Story end = StoryFollower.follow(starloom, story.getId(), stdout, Terminal.interactive());
            int verdict = StoryFollower.report(end, stdout, spec.commandLine().getErr());
            if (verdict == ExitCode.OK) {
                FilmFiles.save(starloom, end, out != null ? out : FilmFiles.defaultFolder(end.getId()), stdout);
            }
            return verdict;
        }
    }

    SubmitStoryRequest request(String text) {
        return story.request(text);
    }

    String storyText() {
        return story.storyText();
    }
}
