package io.starloom.worker.shot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.stubs.DashScopeStub;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.dashscope.DashScopeBackend;
import io.starloom.worker.backend.remote.RemoteFixtures;
import io.vertx.mutiny.core.Vertx;

/**
 * CancelShot reaches the backend: the scheduler's shot-level stop mark in the media store (written the way
 * GenerationStops writes it) makes the worker cancel the remote task it is polling, on a stub of DashScope's
 * protocol; a mark for another shot of the same story leaves the task alone.
 */
class ShotCancelReachesBackendTest {
    private static final String KEY = "sk-test-5a0c3e9d7b214f68";
    static DashScopeStub stub;
    static Vertx vertx;

    @TempDir
    Path root;

    @BeforeAll
    static void start() {
        stub = (DashScopeStub) new DashScopeStub(KEY).start(0);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        stub.close();
        vertx.closeAndAwait();
    }

    @Test
    void aCanceledRunningShotsRemoteTaskIsCanceledAndTheOtherShotsAreNot() throws Exception {
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        DashScopeBackend backend = RemoteFixtures.dashscope(vertx, stub.baseUrl(), KEY, RemoteFixtures.quick());
        ShotRequest planned = RemoteFixtures.shot("wan2.2-t2v-plus-480p", new RemoteFixtures.TestControl());
        String story = planned.storyId();

        // Another shot of the story canceled: this one renders on to its clip.
        stub.script().reset().taskTime(Duration.ofMillis(300));
        mark(store, story, planned.shotIndex() + 1);
        MediaShotControl other = new MediaShotControl(store, story, planned.shotIndex(), planned.attempt(), backend.name());
        backend.render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", other), root.resolve("kept.mp4"));
        assertThat(stub.script().cancels.get()).isZero();
        assertThat(root.resolve("kept.mp4")).isNotEmptyFile();

        // This shot canceled while its task runs: the worker stops polling and cancels the task on the backend.
        stub.script().reset().taskTime(Duration.ofSeconds(20));
        MediaShotControl control = new MediaShotControl(store, story, planned.shotIndex(), planned.attempt() + 1, backend.name());
        Thread canceler = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> control.remoteTask().isPresent());
            mark(store, story, planned.shotIndex());
        });
        canceler.start();
        assertThatThrownBy(() -> backend.render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), root.resolve("canceled.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> assertThat(failure.reason()).isEqualTo("SHOT_CANCELED"));
        canceler.join();
        assertThat(stub.script().cancels.get()).isEqualTo(1);
        assertThat(stub.canceled(control.remoteTask().orElseThrow())).isTrue();
        assertThat(MediaShotControl.stopped(store, story, planned.shotIndex())).isTrue();
        assertThat(MediaShotControl.stopped(store, story, planned.shotIndex() + 2)).as("shots nobody canceled are still wanted").isFalse();
    }

    private static void mark(FileSystemMediaStore store, String story, int shotIndex) {
        try {
            Path file = Files.writeString(Files.createTempFile("stopped", ""), "canceled\n");
            store.put(MediaKey.shotStopped(story, shotIndex), file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
