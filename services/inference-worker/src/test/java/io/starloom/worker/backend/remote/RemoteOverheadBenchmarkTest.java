package io.starloom.worker.backend.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.stubs.DashScopeStub;
import io.starloom.stubs.LightX2vStub;
import io.starloom.stubs.OpenAiVideosStub;
import io.starloom.stubs.StubServer;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.backend.openai.OpenAiVideosConfig;
import io.starloom.worker.shot.ShotOutcome;
import io.starloom.worker.shot.WorkerRestart;
import io.vertx.mutiny.core.Vertx;

/**
 * The worker's own overhead per shot around a remote backend call, for docs/benchmarks.md: each stub task takes
 * exactly {@code starloom.benchmark.task-ms} (default 3000); the worker's shot time minus that is what the worker
 * adds — the wait for the next poll after the task finished, the download, decoding every frame to check the
 * clip, and publishing it to the media store — for several poll intervals. Opt-in:
 * {@code ./mvnw -o -q -pl services/inference-worker test -Dtest=RemoteOverheadBenchmarkTest -Dstarloom.benchmark=true}
 */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class RemoteOverheadBenchmarkTest {
    private static final List<Duration> INTERVALS = List.of(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    private static final int RUNS = 3;

    @TempDir
    Path dir;

    @Test
    void overheadPerShotByPollInterval() throws Exception {
        Duration task = Duration.ofMillis(Long.getLong("starloom.benchmark.task-ms", 3000));
        Vertx vertx = Vertx.vertx();
        try (StubServer vllm = new OpenAiVideosStub(OpenAiVideosStub.Flavor.VLLM_OMNI, "m").start(0);
                StubServer lightx2v = new LightX2vStub().start(0);
                StubServer dashscope = new DashScopeStub("sk-bench").start(0)) {
            System.out.println("| backend | profile | poll interval | shot (ms, median of " + RUNS + ") | added by the worker (ms) |");
            System.out.println("|---|---|---|---|---|");
            run("openai-videos", "wan2.2-t2v-a14b-480p", vllm, task,
                    settings -> RemoteFixtures.openAi(vertx, vllm.baseUrl(), OpenAiVideosConfig.Encoding.MULTIPART, Optional.empty(), settings));
            run("lightx2v", "wan2.2-t2v-a14b-480p", lightx2v, task, settings -> RemoteFixtures.lightx2v(vertx, lightx2v.baseUrl(), settings));
            run("dashscope", "wan2.2-t2v-plus-480p", dashscope, task,
                    settings -> RemoteFixtures.dashscope(vertx, dashscope.baseUrl(), "sk-bench", settings));
        } finally {
            vertx.closeAndAwait();
        }
    }

    private void run(String name, String profile, StubServer stub, Duration task, Function<RemoteSettings, VideoBackend> backends)
            throws Exception {
        stub.script().reset().taskTime(task);
        // One warm-up: the stub renders its clip once per format, and the JIT warms up.
        WorkerRestart.once(dir.resolve("warm-" + name), RemoteFixtures.profile(profile), backends.apply(RemoteFixtures.polling(Duration.ofMillis(100))));
        for (Duration interval : INTERVALS) {
            long[] shots = new long[RUNS];
            for (int run = 0; run < RUNS; run++) {
                VideoBackend backend = backends.apply(RemoteFixtures.polling(interval));
                long begin = System.nanoTime();
                ShotOutcome outcome = WorkerRestart.once(dir.resolve(name + "-" + interval.toMillis() + "-" + run), RemoteFixtures.profile(profile),
                        backend);
                shots[run] = (System.nanoTime() - begin) / 1_000_000;
                if (!(outcome instanceof ShotOutcome.Generated)) {
                    throw new AssertionError(name + ": " + outcome);
                }
            }
            java.util.Arrays.sort(shots);
            long median = shots[RUNS / 2];
            System.out.printf("| %s | %s | %d ms | %d | %d |%n", name, profile, interval.toMillis(), median, median - task.toMillis());
        }
    }
}
