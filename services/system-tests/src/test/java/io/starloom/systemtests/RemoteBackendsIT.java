package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.starloom.stubs.DashScopeStub;
import io.starloom.stubs.LightX2vStub;
import io.starloom.stubs.OpenAiVideosStub;
import io.starloom.stubs.StubServer;

/**
 * The whole mesh with each remote backend: an inference worker per backend, started as a user would
 * (STARLOOM_BACKEND, STARLOOM_BACKEND_URL, STARLOOM_WORKER_PROFILE, DASHSCOPE_API_KEY), against the local stub
 * of its protocol; a one-shot story names the worker's profile and becomes a film made of the stub's clip.
 * A canceled story's running job is deleted on its backend.
 */
class RemoteBackendsIT {
    private static final String KEY = "sk-system-test-8c1f";
    private static final String STORY = "Vega shines over the summer river.";
    private static Mesh mesh;
    private static StoryApi api;
    private static OpenAiVideosStub vllm;
    private static LightX2vStub lightx2v;
    private static DashScopeStub dashscope;

    @BeforeAll
    static void startWorkers() {
        mesh = Mesh.get();
        api = new StoryApi(mesh, "remote-backends");
        vllm = (OpenAiVideosStub) new OpenAiVideosStub(OpenAiVideosStub.Flavor.VLLM_OMNI, "Wan-AI/Wan2.2-T2V-A14B-Diffusers").start(0);
        lightx2v = (LightX2vStub) new LightX2vStub().start(0);
        dashscope = (DashScopeStub) new DashScopeStub(KEY).start(0);
        worker("openai-videos", vllm, "wan2.2-t2v-a14b-480p");
        worker("lightx2v", lightx2v, "lightx2v-wan2.2-t2v-a14b-distill-720p");
        worker("dashscope", dashscope, "wan2.2-t2v-plus-480p");
    }

    @AfterAll
    static void stopWorkers() {
        for (String backend : new String[] {"openai-videos", "lightx2v", "dashscope"}) {
            mesh.kill("worker-" + backend);
        }
        vllm.close();
        lightx2v.close();
        dashscope.close();
    }

    @Test
    void openAiVideosMakesTheFilm() {
        film("wan2.2-t2v-a14b-480p", vllm, 832, 480);
        assertThat(vllm.requests).anySatisfy(sent -> assertThat(sent).containsEntry("num_frames", "81").containsEntry("fps", "16"));
        assertThat(vllm.script().deletes.get()).as("every job deleted after its download").isEqualTo(vllm.script().creates.get());
    }

    @Test
    void lightX2vMakesTheFilm() {
        film("lightx2v-wan2.2-t2v-a14b-distill-720p", lightx2v, 1280, 720);
        assertThat(lightx2v.requests).allSatisfy(sent -> assertThat(sent.path("infer_steps").asInt()).isEqualTo(4));
    }

    @Test
    void dashScopeMakesTheFilmAndShowsItsEstimate() {
        JsonPath story = film("wan2.2-t2v-plus-480p", dashscope, 832, 480);
        assertThat(story.getDouble("estimate.priceUsd")).as("5 s at US$0.10 per shot").isEqualTo(0.5 * story.getList("shots").size());
        assertThat(dashscope.authorizations).allMatch(header -> header.equals("Bearer " + KEY));
    }

    @Test
    void cancelingAStoryDeletesItsRunningJobOnTheBackend() {
        vllm.script().taskTime(Duration.ofMinutes(5));
        int before = vllm.script().creates.get();
        int deletes = vllm.script().deletes.get();
        try {
            String id = api.submit(STORY, Map.of("language", "en", "profile", "wan2.2-t2v-a14b-480p"));
            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> vllm.script().creates.get() > before);
            io.restassured.RestAssured.given().baseUri(api.baseUrl()).auth().oauth2(api.token()).when().post("/v1/stories/" + id + ":cancel")
                    .then().statusCode(200);
            Awaitility.await("the running job to be deleted").atMost(Duration.ofSeconds(60))
                    .until(() -> vllm.script().deletes.get() > deletes);
            assertThat(api.get(id).getString("state")).isEqualTo("CANCELED");
        } finally {
            vllm.script().taskTime(Duration.ofMillis(400));
        }
    }

    private static JsonPath film(String profile, StubServer stub, int width, int height) {
        int before = stub.script().creates.get();
        String id = api.submit(STORY, Map.of("language", "en", "profile", profile));
        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(6));
        assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");
        assertThat(story.getString("profile")).isEqualTo(profile);
        int shots = story.getList("shots").size();
        assertThat(stub.script().creates.get() - before).as("one task per shot on " + stub.protocol()).isEqualTo(shots);
        Path film = api.download(id, "film", mesh.mediaRoot().resolveSibling("remote-" + stub.protocol() + ".mp4"));
        Ffprobe.Probe probe = Ffprobe.probe(film);
        assertThat(probe.json().toString()).contains("\"width\":" + width, "\"height\":" + height);
        return story;
    }

    private static void worker(String backend, StubServer stub, String profile) {
        mesh.start("worker-" + backend, "inference-worker", Map.of("STARLOOM_BACKEND", backend, "STARLOOM_BACKEND_URL", stub.baseUrl(),
                "STARLOOM_WORKER_PROFILE", profile, "STARLOOM_WORKER_ID", "system-test-" + backend, "DASHSCOPE_API_KEY", KEY,
                "STARLOOM_WORKER_DASHSCOPE_POLL_INTERVAL", "200ms", "STARLOOM_WORKER_OPENAI_VIDEOS_POLL_INTERVAL", "200ms",
                "STARLOOM_WORKER_LIGHTX2V_POLL_INTERVAL", "200ms"));
    }
}
