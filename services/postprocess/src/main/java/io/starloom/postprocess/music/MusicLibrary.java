package io.starloom.postprocess.music;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Chooses the music bed of a story: a file from the operator's music folder whose name starts with the
 * mood ({@code tense-…}, {@code serene-…}), else any file there, picked by the story id so that a story
 * always gets the same track; with no folder (the default), the generated {@link AmbientScore}.
 */
public final class MusicLibrary {
    private static final Set<String> AUDIO = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac");

    private final Optional<Path> folder;

    public MusicLibrary(Optional<Path> folder) {
        this.folder = folder;
    }

    /** The operator's track for this story, or empty for the generated score. */
    public Optional<Path> track(Mood mood, String storyId) {
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        List<Path> tracks = tracks(folder.get());
        List<Path> matching = tracks.stream()
                .filter(t -> t.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(mood.prefix())).toList();
        List<Path> pool = matching.isEmpty() ? tracks : matching;
        return pool.isEmpty() ? Optional.empty() : Optional.of(pool.get(Math.floorMod(storyId.hashCode(), pool.size())));
    }

    private static List<Path> tracks(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(MusicLibrary::isAudio).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the music folder " + folder, e);
        }
    }

    private static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith(".") && AUDIO.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
