package io.starloom.worker.shot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.worker.backend.ShotControl;

/**
 * A shot's control kept in the media store, the one durable place every worker and the scheduler share: the
 * scheduler's "generation stopped" marks of a canceled story or shot, and this attempt's remote task record
 * ({@code <backend> <task id>}), written before polling starts. The record survives a worker's crash or
 * rescheduling to another pod, and needs no call to the scheduler: a redelivered command carries the same
 * bytes as the first delivery, so it could not carry the task id, and the media store is already read before
 * every shot (for a clip an earlier delivery finished).
 */
final class MediaShotControl implements ShotControl {
    private static final String GONE = "-";

    private final MediaStore store;
    private final String stoppedUri;
    private final String shotStoppedUri;
    private final MediaKey taskKey;
    private final String backend;

    MediaShotControl(MediaStore store, String storyId, int shotIndex, int attempt, String backend) {
        this.store = store;
        this.stoppedUri = store.uriOf(MediaKey.generationStopped(storyId));
        this.shotStoppedUri = store.uriOf(MediaKey.shotStopped(storyId, shotIndex));
        this.taskKey = MediaKey.remoteTask(storyId, shotIndex, attempt);
        this.backend = backend;
    }

    /** Whether the scheduler marked the story's generation, or this one shot, stopped. */
    static boolean stopped(MediaStore store, String storyId, int shotIndex) {
        return store.exists(store.uriOf(MediaKey.generationStopped(storyId))) || store.exists(store.uriOf(MediaKey.shotStopped(storyId, shotIndex)));
    }

    @Override
    public boolean canceled() {
        return store.exists(stoppedUri) || store.exists(shotStoppedUri);
    }

    @Override
    public Optional<String> remoteTask() {
        String uri = store.uriOf(taskKey);
        if (!store.exists(uri)) {
            return Optional.empty();
        }
        try (InputStream in = store.open(uri)) {
            String[] record = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split(" ", 2);
            // A record of another backend (the pod was reconfigured) names a task this one cannot know.
            return record.length == 2 && record[0].equals(backend) && !record[1].equals(GONE) ? Optional.of(record[1]) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void remoteTaskStarted(String taskId) throws IOException {
        write(backend + " " + taskId);
    }

    @Override
    public void remoteTaskGone() throws IOException {
        write(backend + " " + GONE);
    }

    private void write(String record) throws IOException {
        try (WorkDirectory work = store.newWorkDirectory()) {
            Path file = work.path().resolve("task");
            Files.writeString(file, record + "\n", StandardCharsets.UTF_8);
            store.put(taskKey, file);
        }
    }
}
