package io.starloom.worker.shot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.awaitility.Awaitility;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.profile.ProfileSpec;
import io.starloom.worker.profile.WorkerProfile;

/**
 * A worker that dies while a remote backend works on its shot, and a new worker that gets the same command
 * again (the broker redelivers it): both with their own backend instance, sharing only the media store, as
 * two pods would.
 */
public final class WorkerRestart {
    private WorkerRestart() {
    }

    /** One worker runs one shot of {@code profile} to its end. */
    public static ShotOutcome once(Path mediaRoot, ProfileSpec profile, VideoBackend backend) {
        return new ShotExecutor(backend, new FileSystemMediaStore(mediaRoot), new WorkerProfile(profile, backend)).execute(command(profile));
    }

    private static GenerateShotCommand command(ProfileSpec profile) {
        return GenerateShotCommand.newBuilder().setStoryId(UUID.randomUUID().toString()).setShotIndex(1).setAttempt(1)
                .setPrompt("Orion hunts on the winter plain").setNegativePrompt("blurry").setSeed(42)
                .setProfile(ModelProfile.newBuilder(profile.toProto())).build();
    }

    /**
     * @param backends a fresh backend per worker
     * @param creates how many tasks the stub has created so far
     * @return the second worker's outcome
     */
    public static ShotOutcome midTask(Path mediaRoot, ProfileSpec profile, Supplier<VideoBackend> backends, IntSupplier creates)
            throws Exception {
        GenerateShotCommand command = command(profile);
        FileSystemMediaStore store = new FileSystemMediaStore(mediaRoot);
        String record = store.uriOf(MediaKey.remoteTask(command.getStoryId(), 1, 1));
        int before = creates.getAsInt();
        VideoBackend first = backends.get();
        AtomicReference<ShotOutcome> dying = new AtomicReference<>();
        Thread worker = new Thread(() -> dying.set(new ShotExecutor(first, store, new WorkerProfile(profile, first)).execute(command)));
        worker.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> creates.getAsInt() == before + 1 && store.exists(record));
        // The pod goes away mid-task: its thread stops polling, nothing is reported.
        worker.interrupt();
        worker.join(10_000);
        VideoBackend second = backends.get();
        return new ShotExecutor(second, store, new WorkerProfile(profile, second)).execute(command);
    }
}
