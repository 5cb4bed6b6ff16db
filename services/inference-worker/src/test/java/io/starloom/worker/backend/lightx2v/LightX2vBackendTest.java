package io.starloom.worker.backend.lightx2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.starloom.stubs.LightX2vStub;
import io.starloom.stubs.StubScript;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.remote.RemoteFixtures;
import io.starloom.worker.backend.remote.RemoteFixtures.TestControl;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.starloom.worker.backend.remote.RemoteSettings;
import io.starloom.worker.media.ClipProbe;
import io.starloom.worker.shot.ShotOutcome;
import io.starloom.worker.shot.WorkerRestart;
import io.vertx.mutiny.core.Vertx;

/** The lightx2v backend against a local stub of the LightX2V task server. */
class LightX2vBackendTest {
    static LightX2vStub stub;
    static Vertx vertx;

    @TempDir
    Path dir;
    private final TestControl control = new TestControl();

    @BeforeAll
    static void start() {
        stub = (LightX2vStub) new LightX2vStub().start(0);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        stub.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void reset() {
        stub.script().reset().taskTime(Duration.ofMillis(300));
        stub.requests.clear();
    }

    @Test
    void theDistilledProfileRunsFourStepsWithOnlyTheSchemasFields() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        backend().render(RemoteFixtures.shot("lightx2v-wan2.2-t2v-a14b-distill-720p", control), clip);

        JsonNode sent = stub.requests.get(0);
        assertThat(sent.path("infer_steps").asInt()).isEqualTo(4);
        assertThat(sent.path("target_video_length").asInt()).isEqualTo(81);
        assertThat(sent.path("target_shape").toString()).isEqualTo("[720,1280]");
        assertThat(sent.path("target_fps").asInt()).isEqualTo(16);
        assertThat(sent.path("task_id").asText()).isEqualTo(control.task.get()).endsWith("-s2-a1");
        assertThat(sent.path("save_result_path").asText()).endsWith("-s2-a1.mp4");
        assertThat(ClipProbe.decodeAll(clip)).hasValueSatisfying(facts -> {
            assertThat(facts.frames()).isEqualTo(81);
            assertThat(facts.width()).isEqualTo(1280);
        });
    }

    @Test
    void aFailedTaskIsRetryableAndNamesTheServersError() {
        stub.script().outcome(StubScript.Outcome.FAIL);
        assertThatThrownBy(() -> backend().render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), dir.resolve("a.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> {
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("RuntimeError", "CUDA out of memory");
                });
    }

    @Test
    void aFullQueueAndA500AreRetried() throws Exception {
        stub.script().retryAfterSeconds(0).fault(StubScript.Route.CREATE, StubScript.Fault.THROTTLE, 1)
                .fault(StubScript.Route.POLL, StubScript.Fault.SERVER_ERROR, 1);
        backend().render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), dir.resolve("b.mp4"));
        assertThat(stub.script().creates.get()).isEqualTo(1);
    }

    @Test
    void aCanceledStorysTaskIsStopped() {
        stub.script().taskTime(Duration.ofSeconds(20));
        new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> control.task.get() != null);
            control.canceled.set(true);
        }).start();
        assertThatThrownBy(() -> backend().render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), dir.resolve("c.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> assertThat(failure.reason()).isEqualTo("SHOT_CANCELED"));
        assertThat(stub.script().deletes.get()).isEqualTo(1);
        assertThat(stub.canceled(control.task.get())).isTrue();
    }

    @Test
    void aWorkerRestartedMidTaskResumesTheSameTask() throws Exception {
        stub.script().taskTime(Duration.ofSeconds(2));
        int before = stub.script().creates.get();
        ShotOutcome outcome = WorkerRestart.midTask(dir.resolve("media"), RemoteFixtures.profile("wan2.2-t2v-a14b-480p"), LightX2vBackendTest::backend,
                stub.script().creates::get);
        assertThat(outcome).isInstanceOf(ShotOutcome.Generated.class);
        assertThat(stub.script().creates.get()).isEqualTo(before + 1);
    }

    static LightX2vBackend backend() {
        return RemoteFixtures.lightx2v(vertx, stub.baseUrl(), RemoteFixtures.quick());
    }
}
