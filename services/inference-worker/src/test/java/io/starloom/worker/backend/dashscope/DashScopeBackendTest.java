package io.starloom.worker.backend.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.starloom.stubs.DashScopeStub;
import io.starloom.stubs.StubScript;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.remote.RemoteFixtures;
import io.starloom.worker.backend.remote.RemoteFixtures.TestControl;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.starloom.worker.backend.remote.RemoteSettings;
import io.starloom.worker.media.ClipProbe;
import io.starloom.worker.shot.ShotOutcome;
import io.starloom.worker.shot.WorkerRestart;
import io.vertx.mutiny.core.Vertx;

/** The dashscope backend against a local stub of Model Studio's asynchronous video protocol. */
class DashScopeBackendTest {
    static final String KEY = "sk-test-4f9d2c7be1a84e0f";
    static DashScopeStub stub;
    static Vertx vertx;

    @TempDir
    Path dir;
    private final TestControl control = new TestControl();

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

    @BeforeEach
    void reset() {
        stub.script().reset().taskTime(Duration.ofMillis(300));
        stub.requests.clear();
        stub.authorizations.clear();
    }

    @Test
    void wan22PlusIsMadeWithTheLegacyProtocolAndFetchedAtOnce() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), clip);

        JsonNode sent = stub.requests.get(0);
        assertThat(sent.path("model").asText()).isEqualTo("wan2.2-t2v-plus");
        assertThat(sent.path("input").path("prompt").asText()).startsWith("仙女座被锁在海边的岩石上");
        assertThat(sent.path("input").path("negative_prompt").asText()).isEqualTo(RemoteFixtures.NEGATIVE);
        JsonNode parameters = sent.path("parameters");
        assertThat(parameters.path("size").asText()).isEqualTo("832*480");
        assertThat(parameters.path("duration").asInt()).isEqualTo(5);
        assertThat(parameters.path("seed").asLong()).as("seed within DashScope's int32 range").isBetween(0L, 2147483647L)
                .isEqualTo(9_876_543_210L % (1L << 31));
        assertThat(parameters.has("audio")).as("wan2.2-t2v-plus is silent").isFalse();
        assertThat(parameters.path("prompt_extend").asBoolean(true)).isFalse();
        assertThat(control.task.get()).as("task id recorded before polling").isNotBlank();
        assertThat(ClipProbe.decodeAll(clip)).hasValueSatisfying(facts -> {
            assertThat(facts.width()).isEqualTo(832);
            assertThat(facts.height()).isEqualTo(480);
            assertThat(facts.frames()).isEqualTo(150);
        });
        assertThat(stub.script().creates.get()).isEqualTo(1);
        assertThat(stub.script().downloads.get()).isEqualTo(1);
    }

    @Test
    void wan27UsesTheMediaProtocolWithResolutionAndRatio() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        backend(KEY).render(RemoteFixtures.shot("wan2.7-t2v-720p", control), clip);

        JsonNode parameters = stub.requests.get(0).path("parameters");
        assertThat(parameters.path("resolution").asText()).isEqualTo("720P");
        assertThat(parameters.path("ratio").asText()).isEqualTo("16:9");
        assertThat(parameters.has("size")).isFalse();
        assertThat(ClipProbe.decodeAll(clip)).hasValueSatisfying(facts -> assertThat(facts.frames()).isEqualTo(120));
    }

    @Test
    void aPromptRefusedByContentInspectionIsAModerationOutcomeNotRetried() {
        ShotRequest shot = RemoteFixtures.shot("wan2.2-t2v-plus-480p", control);
        ShotRequest refused = new ShotRequest(shot.storyId(), 0, 1, "Medusa " + DashScopeStub.REFUSED_WORD, "", 1, shot.width(), shot.height(),
                shot.fps(), shot.frames(), List.of(), shot.profile(), control);

        assertThatThrownBy(() -> backend(KEY).render(refused, dir.resolve("clip.mp4"))).isInstanceOfSatisfying(BackendFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.CONTENT_REFUSED);
            assertThat(failure.getMessage()).contains("DataInspectionFailed");
        });
        assertThat(stub.authorizations).as("one call, no blind retry").hasSize(1);
        assertThat(stub.script().creates.get()).isZero();
    }

    @Test
    void aResultRefusedByOutputInspectionIsRefusedToo() {
        stub.script().outcome(StubScript.Outcome.CONTENT_REFUSED);
        assertThatThrownBy(() -> backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.CONTENT_REFUSED));
    }

    @Test
    void throttlingWaitsForTheServersHintThenCreatesOnce() throws Exception {
        stub.script().retryAfterSeconds(1).fault(StubScript.Route.CREATE, StubScript.Fault.THROTTLE, 1);
        long begin = System.nanoTime();
        backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4"));

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("Retry-After: 1 honoured, not the 50 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(stub.script().creates.get()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndMalformedRepliesWhilePollingAreRiddenOut() throws Exception {
        stub.script().fault(StubScript.Route.POLL, StubScript.Fault.SERVER_ERROR, 2).fault(StubScript.Route.POLL, StubScript.Fault.MALFORMED, 1);
        Path clip = dir.resolve("clip.mp4");
        backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), clip);

        assertThat(ClipProbe.decodeAll(clip)).isPresent();
        assertThat(stub.script().creates.get()).isEqualTo(1);
    }

    @Test
    void aServerThatKeepsFailingFailsTheAttemptRetryably() {
        stub.script().fault(StubScript.Route.CREATE, StubScript.Fault.SERVER_ERROR, 10);
        assertThatThrownBy(() -> backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.RETRYABLE);
                    assertThat(failure.getMessage()).contains("500", "InternalError");
                });
        assertThat(stub.authorizations).as("the first try and three retries").hasSize(4);
    }

    @Test
    void aWrongKeyIsPermanentAndNeverRetried() {
        assertThatThrownBy(() -> backend("sk-wrong").render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("401", "InvalidApiKey").doesNotContain("sk-wrong");
                });
        assertThat(stub.authorizations).hasSize(1);
    }

    @Test
    void anExpiredResultUrlForgetsTheTaskSoThatTheNextTryStartsAnew() {
        stub.script().outcome(StubScript.Outcome.EXPIRED_URL);
        assertThatThrownBy(() -> backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo("RESULT_GONE");
                    assertThat(failure.retryable()).isTrue();
                });
        assertThat(control.task.get()).isNull();
        assertThat(control.events).last().asString().startsWith("gone ");
    }

    @Test
    void aTaskTheServiceNoLongerKnowsIsStartedAnewOnResume() throws Exception {
        control.task.set("0f8a5b4e-expired-task");
        backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4"));
        assertThat(control.events).hasSize(2).first().isEqualTo("gone 0f8a5b4e-expired-task");
        assertThat(stub.script().creates.get()).isEqualTo(1);
    }

    @Test
    void aCanceledStorysPendingTaskIsCanceled() {
        stub.script().taskTime(Duration.ofSeconds(20));
        Thread canceler = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> control.task.get() != null);
            control.canceled.set(true);
        });
        canceler.start();
        assertThatThrownBy(() -> backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", control), dir.resolve("clip.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> assertThat(failure.reason()).isEqualTo("SHOT_CANCELED"));
        assertThat(stub.script().cancels.get()).isEqualTo(1);
        assertThat(stub.canceled(control.task.get())).isTrue();
    }

    @Test
    void theApiKeyAppearsInNoLogAndNoFailure() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()) + " "
                        + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = Logger.getLogger("io.starloom").getLevel();
        Logger.getLogger("io.starloom").setLevel(Level.ALL);
        root.addHandler(capture);
        List<String> failures = new CopyOnWriteArrayList<>();
        try {
            stub.script().fault(StubScript.Route.CREATE, StubScript.Fault.THROTTLE, 1).fault(StubScript.Route.POLL, StubScript.Fault.SERVER_ERROR, 1)
                    .retryAfterSeconds(0);
            backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", new TestControl()), dir.resolve("a.mp4"));
            stub.script().outcome(StubScript.Outcome.EXPIRED_URL);
            try {
                backend(KEY).render(RemoteFixtures.shot("wan2.2-t2v-plus-480p", new TestControl()), dir.resolve("b.mp4"));
            } catch (BackendFailure e) {
                failures.add(e.getMessage());
            }
        } finally {
            root.removeHandler(capture);
            Logger.getLogger("io.starloom").setLevel(before);
        }
        assertThat(logged).as("the calls were logged").anyMatch(line -> line.contains("retry 1 of 3"));
        assertThat(logged).noneMatch(line -> line.contains(KEY) || line.contains("Signature="));
        assertThat(failures).hasSize(1).noneMatch(line -> line.contains(KEY) || line.contains("Signature="));
        assertThat(stub.authorizations).allMatch(header -> header.equals("Bearer " + KEY));
    }

    @Test
    void aWorkerRestartedMidTaskResumesTheSameTaskInsteadOfPayingTwice() throws Exception {
        stub.script().taskTime(Duration.ofSeconds(2));
        int before = stub.script().creates.get();
        ShotOutcome outcome = WorkerRestart.midTask(dir.resolve("media"), RemoteFixtures.profile("wan2.2-t2v-plus-480p"), () -> backend(KEY),
                stub.script().creates::get);

        assertThat(outcome).isInstanceOfSatisfying(ShotOutcome.Generated.class, generated -> {
            assertThat(generated.facts().frames()).isEqualTo(150);
            assertThat(generated.reused()).isFalse();
        });
        assertThat(stub.script().creates.get()).as("one paid task for the shot").isEqualTo(before + 1);
    }

    @Test
    void noKeyNoWorker() {
        assertThatThrownBy(() -> backend("")).isInstanceOf(IllegalStateException.class).hasMessageContaining("DASHSCOPE_API_KEY");
    }

    static DashScopeBackend backend(String key) {
        return backend(key, RemoteFixtures.quick());
    }

    static DashScopeBackend backend(String key, RemoteSettings settings) {
        return RemoteFixtures.dashscope(vertx, stub.baseUrl(), key, settings);
    }
}
