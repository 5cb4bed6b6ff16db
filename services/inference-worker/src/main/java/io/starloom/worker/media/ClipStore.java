package io.starloom.worker.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.starloom.worker.config.WorkerConfig;

/**
 * Where clips go in the media store: {@code <root>/stories/<story>/shots/shot-<NNN>-a<attempt>.mp4}. Paths
 * are deterministic per story, shot and attempt, so a redelivered command finds the clip it already made;
 * clips are written next to their final name and moved into place, so a clip is only ever seen complete.
 */
@ApplicationScoped
public class ClipStore {
    private final Path root;

    @Inject
    public ClipStore(WorkerConfig config) {
        this(config.media().root());
    }

    public ClipStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The clip's final path; {@code storyId} must be a plain name (the validator only lets UUIDs through). */
    public Path clipPath(String storyId, int shotIndex, int attempt) {
        Path path = root.resolve("stories").resolve(storyId).resolve("shots")
                .resolve(String.format("shot-%03d-a%d.mp4", shotIndex, attempt)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("story id '" + storyId + "' leaves the media root");
        }
        return path;
    }

    /** A fresh temporary file next to {@code target}, for writing before {@link #publish}. */
    public Path temporaryFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
    }

    /** Moves a finished clip under its final name in one step. */
    public void publish(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
