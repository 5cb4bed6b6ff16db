package io.starloom.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.Terminal;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.SubmitStoryRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submit a story: a UTF-8 text file (- for standard input) or --text. With --wait, follow it to its end "
                + "and save the film, subtitles and storyboard.")
public final class SubmitCommand implements Callable<Integer> {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    StorySource source;

    static final class StorySource {
        @Parameters(paramLabel = "FILE", description = "the story, UTF-8 text (Chinese or English)")
        Path file;

        @Option(names = "--text", description = "the story itself instead of a file")
        String text;
    }

    @Option(names = "--language", paramLabel = "zh|en", converter = NameConverters.LanguageName.class,
            description = "the story's language (default: detected from the text)")
    Language language;

    @Option(names = "--style", paramLabel = "STYLE", converter = NameConverters.StyleName.class,
            description = "cinematic, ink-wash or planetarium (default cinematic)")
    Style style;

    @Option(names = "--resolution", paramLabel = "RES", converter = NameConverters.ResolutionName.class,
            description = "480p, 720p or 1080p where the deployment offers it (default 720p)")
    Resolution resolution;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "model profile a running worker serves, e.g. wan2.2-t2v-a14b-480p or wan2.6-t2v-720p (default: the resolution's)")
    String profile;

    @Option(names = "--request-id", paramLabel = "KEY", description = "idempotency key: submitting again with it returns the same story")
    String requestId;

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
        SubmitStoryRequest.Builder request = SubmitStoryRequest.newBuilder().setText(text);
        if (language != null) {
            request.setLanguage(language);
        }
        if (style != null) {
            request.setStyle(style);
        }
        if (resolution != null) {
            request.setResolution(resolution);
        }
        if (requestId != null) {
            request.setRequestId(requestId);
        }
        if (profile != null) {
            request.setProfile(profile);
        }
        return request.build();
    }

    String storyText() {
        if (source.text != null) {
            return checkedArgument(source.text);
        }
        boolean stdin = source.file.toString().equals("-");
        String name = stdin ? "standard input" : "story file " + source.file;
        try {
            byte[] bytes = stdin ? System.in.readAllBytes() : Files.readAllBytes(source.file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new CliException(name + " not found", ExitCode.BAD_INPUT, e);
        } catch (CharacterCodingException e) {
            throw new CliException(name + " is not UTF-8 text", ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new CliException("cannot read " + name + " (" + e + ")", ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * Java decodes command-line arguments with the locale's charset: under a non-UTF-8 locale (LANG=C) Chinese
     * arrives as U+FFFD. Refuse that rather than submit a garbled story.
     */
    static String checkedArgument(String text) {
        String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (text.indexOf('\uFFFD') >= 0 && !charset.equalsIgnoreCase("UTF-8")) {
            throw new CliException("--text arrived garbled: the locale's charset is " + charset + ", not UTF-8; run with "
                    + "LC_ALL=C.UTF-8 or pass the story as a file", ExitCode.BAD_INPUT);
        }
        return text;
    }
}
