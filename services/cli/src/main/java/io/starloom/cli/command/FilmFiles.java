package io.starloom.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Starloom;
import io.starloom.cli.view.StoryText;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;

/** Saving what a finished story produced: the film (gRPC); its subtitles, poster, manifest and the storyboard (REST). */
final class FilmFiles {
    static final String FILM = "film.mp4";

    private FilmFiles() {
    }

    /** The folder a story's files go to when none is given: {@code out/<story id>}. */
    static Path defaultFolder(String storyId) {
        return Path.of("out", storyId);
    }

    static void save(Starloom starloom, Story story, Path folder, PrintWriter out) {
        if (story.getState() != StoryState.STORY_STATE_COMPLETED) {
            throw new CliException("story " + story.getId() + " has no film: it is " + StoryText.state(story)
                    + (StoryText.isFinal(story) ? "" : "; wait for it with 'starloom watch " + story.getId() + "'"), ExitCode.FAILED);
        }
        Path film = folder.resolve(FILM);
        String expected = story.getFilm().getSha256();
        starloom.downloadFilm(story.getId(), film, expected.isEmpty() ? null : expected);
        starloom.downloadResource(story.getId(), "subtitles.vtt", folder.resolve("film.vtt"));
        starloom.downloadResource(story.getId(), "subtitles.srt", folder.resolve("film.srt"));
        starloom.downloadResource(story.getId(), "storyboard", folder.resolve("storyboard.json"));
        starloom.downloadResource(story.getId(), "poster.jpg", folder.resolve("poster.jpg"));
        starloom.downloadResource(story.getId(), "manifest.json", folder.resolve("manifest.json"));
        String extra = "";
        if (!story.getFilm().getTranslationVttUri().isEmpty()) {
            starloom.downloadResource(story.getId(), "subtitles.translation.vtt", folder.resolve("film.translation.vtt"));
            starloom.downloadResource(story.getId(), "subtitles.translation.srt", folder.resolve("film.translation.srt"));
            extra = ", film.translation.vtt, film.translation.srt";
        }
        out.printf(Locale.ROOT, "saved %s (%s), film.vtt, film.srt%s, poster.jpg, manifest.json and storyboard.json in %s%n", FILM,
                megabytes(film), extra, folder.toAbsolutePath().normalize());
    }

    private static String megabytes(Path file) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
