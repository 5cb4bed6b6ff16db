package io.starloom.worker.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.enterprise.context.ApplicationScoped;

import io.starloom.worker.config.WorkerConfig;

/**
 * Where clips go in the media store. Paths are deterministic per story, shot and attempt, so a
 * redelivered command finds the clip it already made; a clip is only ever visible complete.
 */
@ApplicationScoped
public class ClipStore {
    private final Path root;

    public ClipStore(WorkerConfig config) {
        this.root = config.media().root().toAbsolutePath().normalize();
    }

    public Path clipPath(String storyId, int shotIndex, int attempt) {
        Path path = root.resolve("stories").resolve(storyId).resolve("shots")
                .resolve(String.format("shot-%03d-a%d.mp4", shotIndex, attempt)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("story id '" + storyId + "' leaves the media root");
        }
        return path;
    }

    /** A fresh temporary file next to {@code target}, for writing before the atomic move. */
    public Path temporaryFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part.mp4");
    }

    public void publish(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
