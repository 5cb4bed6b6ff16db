package io.starloom.cli.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.SubmitStoryRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The story and how to film it, as {@code submit} and {@code preview} take them. */
public final class StoryOptions {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

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

    @Option(names = "--storyboard", paramLabel = "FILE.json",
            description = "a storyboard edited from 'starloom preview' (its JSON): submit films its shots in its order instead of "
                    + "planning the text; preview checks it")
    Path storyboard;

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
        if (storyboard != null) {
            request.setStoryboard(editedStoryboard());
        }
        return request.build();
    }

    private Storyboard editedStoryboard() {
        String name = "storyboard file " + storyboard;
        try {
            Storyboard.Builder edited = Storyboard.newBuilder();
            JsonFormat.parser().merge(Files.readString(storyboard, StandardCharsets.UTF_8), edited);
            return edited.build();
        } catch (NoSuchFileException e) {
            throw new CliException(name + " not found", ExitCode.BAD_INPUT, e);
        } catch (InvalidProtocolBufferException e) {
            throw new CliException(name + " is not a storyboard as 'starloom preview' prints it: " + e.getMessage(), ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new CliException("cannot read " + name + " (" + e + ")", ExitCode.BAD_INPUT, e);
        }
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
