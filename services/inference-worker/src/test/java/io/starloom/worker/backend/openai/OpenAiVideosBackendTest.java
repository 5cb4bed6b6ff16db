package io.starloom.worker.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.stubs.OpenAiVideosStub;
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

/** The openai-videos backend against local stubs of vLLM-Omni (multipart) and SGLang diffusion (JSON). */
class OpenAiVideosBackendTest {
    static final String MODEL = "Wan-AI/Wan2.2-T2V-A14B-Diffusers";
    static OpenAiVideosStub vllm;
    static OpenAiVideosStub sglang;
    static Vertx vertx;

    @TempDir
    Path dir;
    private final TestControl control = new TestControl();

    @BeforeAll
    static void start() {
        vllm = (OpenAiVideosStub) new OpenAiVideosStub(OpenAiVideosStub.Flavor.VLLM_OMNI, MODEL).start(0);
        sglang = (OpenAiVideosStub) new OpenAiVideosStub(OpenAiVideosStub.Flavor.SGLANG, MODEL).start(0);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vllm.close();
        sglang.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void reset() {
        for (OpenAiVideosStub stub : new OpenAiVideosStub[] {vllm, sglang}) {
            stub.script().reset().taskTime(Duration.ofMillis(300));
            stub.requests.clear();
        }
    }

    @Test
    void everyModelParameterIsSentExplicitlyAndTheJobIsDeletedAfterDownload() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART).render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), clip);

        Map<String, String> sent = vllm.requests.get(0);
        assertThat(sent).containsEntry("size", "832x480").containsEntry("num_frames", "81").containsEntry("fps", "16")
                .containsEntry("num_inference_steps", "40").containsEntry("guidance_scale", "4.0").containsEntry("guidance_scale_2", "3.0")
                .containsEntry("flow_shift", "12.0").containsEntry("negative_prompt", RemoteFixtures.NEGATIVE)
                .containsEntry("seed", Long.toString(9_876_543_210L % (1L << 31))).doesNotContainKey("model");
        assertThat(ClipProbe.decodeAll(clip)).hasValueSatisfying(facts -> {
            assertThat(facts.frames()).isEqualTo(81);
            assertThat(facts.width()).isEqualTo(832);
            assertThat(facts.fps()).isEqualTo(16);
        });
        assertThat(vllm.script().deletes.get()).as("DELETE after the download").isEqualTo(1);
    }

    @Test
    void jsonBodiesAreForSglangVllmOmniRefusesThem() throws Exception {
        assertThatThrownBy(() -> backend(vllm, OpenAiVideosConfig.Encoding.JSON).render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control),
                dir.resolve("a.mp4"))).isInstanceOfSatisfying(BackendFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(BackendFailure.Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("400", "prompt", "Field required");
                });

        Path clip = dir.resolve("b.mp4");
        backend(sglang, OpenAiVideosConfig.Encoding.JSON).render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), clip);
        assertThat(sglang.requests.get(0)).containsEntry("num_frames", "81").containsEntry("fps", "16");
        assertThat(ClipProbe.decodeAll(clip)).isPresent();
    }

    @Test
    void anImageToVideoProfileSendsTheShotsStarChartAsFirstFrame() throws Exception {
        backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART).render(RemoteFixtures.shot("wan2.2-i2v-a14b-720p", control), dir.resolve("c.mp4"));
        assertThat(vllm.requests.get(0)).containsEntry("input_reference", "@file:first-frame.png").containsEntry("guidance_scale", "3.5")
                .containsEntry("flow_shift", "5.0");
    }

    @Test
    void aFailedJobIsReadFromTheHttp500BodyNotPolledForever() {
        vllm.script().outcome(StubScript.Outcome.FAIL);
        assertThatThrownBy(() -> backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART).render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p",
                control), dir.resolve("d.mp4"))).isInstanceOfSatisfying(BackendFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo("BACKEND_TASK_FAILED");
                    assertThat(failure.getMessage()).contains("CUDA out of memory");
                });
    }

    @Test
    void aMismatchedModelIsPermanent() {
        OpenAiVideosBackend other = backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART, Optional.of("Wan-AI/Wan2.2-TI2V-5B-Diffusers"));
        assertThatThrownBy(() -> other.render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), dir.resolve("e.mp4")))
                .isInstanceOfSatisfying(BackendFailure.class, failure -> assertThat(failure.getMessage()).contains("Model mismatch"));
    }

    @Test
    void throttlingAndServerErrorsAreRetriedAndCreateOnlyOnce() throws Exception {
        vllm.script().retryAfterSeconds(0).fault(StubScript.Route.CREATE, StubScript.Fault.THROTTLE, 1)
                .fault(StubScript.Route.CREATE, StubScript.Fault.SERVER_ERROR, 1).fault(StubScript.Route.DOWNLOAD, StubScript.Fault.SERVER_ERROR, 1);
        backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART).render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p", control), dir.resolve("f.mp4"));
        assertThat(vllm.script().creates.get()).isEqualTo(1);
        assertThat(vllm.script().downloads.get()).isEqualTo(1);
    }

    @Test
    void aCanceledStorysRunningJobIsDeleted() {
        vllm.script().taskTime(Duration.ofSeconds(20));
        new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> control.task.get() != null);
            control.canceled.set(true);
        }).start();
        assertThatThrownBy(() -> backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART).render(RemoteFixtures.shot("wan2.2-t2v-a14b-480p",
                control), dir.resolve("g.mp4"))).isInstanceOfSatisfying(BackendFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo("SHOT_CANCELED"));
        assertThat(vllm.canceled(control.task.get())).isTrue();
    }

    @Test
    void zeroByteTruncatedAndMisSizedSuccessesAreNoGeneratedShots() throws Exception {
        Map<StubScript.Outcome, String> expected = Map.of(StubScript.Outcome.EMPTY_RESULT, "CLIP_UNPLAYABLE", StubScript.Outcome.TRUNCATED_RESULT,
                "CLIP_UNPLAYABLE", StubScript.Outcome.WRONG_SIZE, "CLIP_MISMATCH");
        for (Map.Entry<StubScript.Outcome, String> outcome : expected.entrySet()) {
            vllm.script().outcome(outcome.getKey());
            ShotOutcome result = WorkerRestart.once(dir.resolve(outcome.getKey().name()), RemoteFixtures.profile("wan2.2-t2v-a14b-480p"),
                    backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART));
            assertThat(result).as(outcome.getKey().name()).isInstanceOfSatisfying(ShotOutcome.Failed.class,
                    failed -> assertThat(failed.reason()).isEqualTo(outcome.getValue()));
        }
    }

    @Test
    void aWorkerRestartedMidJobResumesTheSameJob() throws Exception {
        vllm.script().taskTime(Duration.ofSeconds(2));
        int before = vllm.script().creates.get();
        ShotOutcome outcome = WorkerRestart.midTask(dir.resolve("media"), RemoteFixtures.profile("wan2.2-t2v-a14b-480p"),
                () -> backend(vllm, OpenAiVideosConfig.Encoding.MULTIPART), vllm.script().creates::get);
        assertThat(outcome).isInstanceOf(ShotOutcome.Generated.class);
        assertThat(vllm.script().creates.get()).isEqualTo(before + 1);
    }

    static OpenAiVideosBackend backend(OpenAiVideosStub stub, OpenAiVideosConfig.Encoding encoding) {
        return backend(stub, encoding, Optional.empty());
    }

    static OpenAiVideosBackend backend(OpenAiVideosStub stub, OpenAiVideosConfig.Encoding encoding, Optional<String> model) {
        return RemoteFixtures.openAi(vertx, stub.baseUrl(), encoding, model, RemoteFixtures.quick());
    }
}
