package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.mesh.v1.WorkerHeartbeat;
import io.starloom.contracts.Failures;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.VideoFormat;

/**
 * Profiles as the running workers serve them: a story is accepted only for a profile some worker announced,
 * planned in the format it announced and sent to that profile's own queue; the pre-flight estimate is kept
 * and a story over the price cap fails before any shot is sent; a content refusal rejects the story; a cancel
 * leaves the mark the workers stop on.
 */
@QuarkusTest
@TestProfile(ServedProfilesTest.Served.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ServedProfilesTest {
    static final String HOSTED = "wan2.2-t2v-plus-480p";

    /** Real checks against served profiles, a price cap of US$1, and the hosted profile's queue captured. */
    public static class Served implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("starloom.generation.require-served-profile", "true", "starloom.generation.max-story-price-usd", "1.0",
                    "mp.messaging.incoming.captured-generation.address", Queues.generation(HOSTED));
        }
    }

    private final String token = Stories.token("profiles", Roles.STORY_WRITER);

    @Inject
    SentCommands sent;

    @Inject
    MediaStore media;

    @Test
    void aProfileNoWorkerServesIsRefusedNamingTheFieldAndWhatIsServed() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "织女星 Vega", "profile", "wan2.6-t2v-720p"))
                .when().post("/v1/stories").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("profile")).body("errors[0].message", containsString("served by no running worker"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega", "resolution", "480p"))
                .when().post("/v1/stories").then().statusCode(422)
                .body("errors[0].field", equalTo("resolution")).body("errors[0].message", containsString("wan2.2-t2v-a14b-480p"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega", "profile", "../etc"))
                .when().post("/v1/stories").then().statusCode(400).body("errors[0].field", equalTo("profile"));
    }

    @Test
    void aServedProfilePlansTheStoryEstimatesItAndCapsItsPrice() throws Exception {
        heartbeat("dashscope-worker-1", HOSTED, Duration.ofSeconds(30));
        String cheap = submit(HOSTED);
        String dear = submit(HOSTED);
        screen(cheap, 1);
        screen(dear, 3);

        JsonPath queued = awaitState(token, cheap, "QUEUED");
        assertThat(queued.getString("profile")).isEqualTo(HOSTED);
        assertThat(queued.getDouble("estimate.videoSeconds")).isEqualTo(5.0);
        assertThat(queued.getDouble("estimate.priceUsd")).isEqualTo(0.5);
        assertThat(queued.getString("estimate.typicalHardware")).isEqualTo("hosted");
        GenerateShotCommand command = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> sent.parsed(Queues.GENERATION_REQUESTS, cheap, GenerateShotCommand::parseFrom), list -> !list.isEmpty()).get(0);
        assertThat(command.getProfile().getName()).isEqualTo(HOSTED);
        assertThat(command.getProfile().getFrameCount()).as("planned as the worker announced it").isEqualTo(150);
        assertThat(command.getProfile().getFormat().getFps()).isEqualTo(30);

        JsonPath failed = awaitState(token, dear, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("COST_CAP_EXCEEDED");
        assertThat(failed.getString("failure.message")).contains("US$1.50", "US$1.00");
        assertThat(sent.on(Queues.GENERATION_REQUESTS, dear)).as("no shot of it was sent").isEmpty();

        send(cheap, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(0).setAttempt(1).setRetryable(false)
                .setKind(ShotFailureKind.SHOT_FAILURE_KIND_CONTENT_REFUSED)
                .setFailure(Failures.of("inference-worker", "CONTENT_REFUSED", "dashscope: DataInspectionFailed"))));
        JsonPath rejected = awaitState(token, cheap, "REJECTED");
        assertThat(rejected.getString("failure.reason")).isEqualTo("SHOT_CONTENT_REFUSED");
        assertThat(rejected.getString("failure.metadata.failure_kind")).isEqualTo("content-refused");
        assertThat(sent.on(Queues.GENERATION_REQUESTS, cheap)).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void aWorkerSilentForThreeIntervalsNoLongerServes() {
        heartbeat("short-lived-worker", "short-lived-profile", Duration.ofMillis(300));
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(token)
                .contentType(ContentType.JSON).body(Map.of("text", "Vega", "profile", "short-lived-profile")).when().post("/v1/stories")
                .statusCode() == 400);
    }

    @Test
    void aCanceledStoryLeavesTheMarkWorkersStopOn() {
        heartbeat("dashscope-worker-2", HOSTED, Duration.ofSeconds(30));
        String id = submit(HOSTED);
        String uri = media.uriOf(MediaKey.generationStopped(id));
        assertThat(media.exists(uri)).isFalse();
        given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel").then().statusCode(200).body("state", equalTo("CANCELED"));
        assertThat(media.exists(uri)).isTrue();
    }

    private String submit(String profile) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "织女在银河彼岸 Vega across the river", "profile", profile))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
    }

    private void screen(String id, int shots) {
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(shots))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
    }

    /** A heartbeat as a dashscope worker sends it, then waits until the scheduler accepts stories for its profile. */
    private void heartbeat(String worker, String profile, Duration interval) {
        ModelProfile hosted = ModelProfile.newBuilder().setName(profile).setFormat(VideoFormat.newBuilder().setWidth(832).setHeight(480).setFps(30))
                .setFrameCount(150).setPricePerSecondUsd(0.10).setTypicalShotSeconds(90).setTypicalHardware("hosted").build();
        DevStackTestResource.stack().meshSend(Queues.SCHEDULER_WORKERS, worker, WorkerHeartbeat.newBuilder().setWorkerId(worker)
                .setBackend("dashscope").addProfiles(hosted).setSendTime(Timestamps.fromMillis(Instant.now().toEpochMilli()))
                .setInterval(Durations.fromMillis(interval.toMillis())).build());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("text", "probe", "profile", profile, "requestId", "probe-" + worker)).when().post("/v1/stories").statusCode() == 202);
    }
}
