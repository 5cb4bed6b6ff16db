package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.FilmAssembled;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.ShotFailed;
import io.starloom.proto.v1.ShotGenerated;
import io.starloom.proto.v1.ShotStarted;
import io.starloom.proto.v1.StoryEnriched;
import io.starloom.proto.v1.StoryEvent;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.TextModerated;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Category;

/** The state machine driven by real stage events over the real broker. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryLifecycleTest {
    private final String token = DevStackTestResource.stack().mintToken("tester", "lifecycle", Set.of(Roles.STORY_WRITER));

    @Test
    void storyMovesThroughEveryStageIgnoringStaleEventsAndRetryingAFailedShot() {
        String id = submit("Orion rises. The Scorpion follows.");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(2))));
        awaitState(id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        JsonPath queued = awaitState(id, "QUEUED");
        assertThat(queued.getList("shots.state", String.class)).containsExactly("DISPATCHED", "DISPATCHED");
        assertThat(queued.getString("title")).isEqualTo("Orion");

        send(id, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(0).setAttempt(1).setWorkerId("w1")));
        awaitState(id, "GENERATING");
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/0.mp4")));
        send(id, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(1).setAttempt(1).setRetryable(true)
                .setReason("BACKEND_ERROR").setMessage("GPU fell over")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get(id).getInt("shots[1].attempt") == 2);
        // A late result of the abandoned attempt must not count.
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(1).setAttempt(1).setClipUri("file:///m/stale.mp4")));
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(1).setAttempt(2).setClipUri("file:///m/1.mp4")));
        JsonPath assembling = awaitState(id, "ASSEMBLING");
        assertThat(assembling.getList("shots.state", String.class)).containsExactly("GENERATED", "GENERATED");
        assertThat(assembling.getInt("progressPercent")).isBetween(90, 99);

        send(id, StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder().setFilm(Film.newBuilder()
                .setVideoUri("file:///m/film.mp4").setSha256("abc").setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(9)))));
        JsonPath completed = awaitState(id, "COMPLETED");
        assertThat(completed.getDouble("film.durationSeconds")).isEqualTo(9.0);
        assertThat(completed.getInt("progressPercent")).isEqualTo(100);
    }

    @Test
    void blockedTextRejectsTheStoryWithItsFindings() {
        String id = submit("something forbidden");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_BLOCK)
                .addFindings(Finding.newBuilder().setCategory(Category.CATEGORY_SEXUAL_MINORS).setTerm("x").setStart(0).setEnd(1))));
        JsonPath rejected = awaitState(id, "REJECTED");
        assertThat(rejected.getString("failure.reason")).isEqualTo("MODERATION_BLOCKED");
        assertThat(rejected.getList("findings.category", String.class)).containsExactly("sexual-minors");
    }

    @Test
    void deadLetteredMessageFailsItsStory() {
        String id = submit("Cassiopeia sits on her throne.");
        DevStackTestResource.stack().brokerSend(Queues.DEAD_LETTER, new byte[] { 1, 2, 3 },
                Map.of("cloudEvents:subject", id, "cloudEvents:specversion", "1.0", "cloudEvents:id", "dead-" + id,
                        "cloudEvents:type", "starloom.v1.GenerateShotCommand", "cloudEvents:source", "/test"));
        JsonPath failed = awaitState(id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("DEAD_LETTERED");
    }

    @Test
    void canceledStoryIgnoresLaterEvents() {
        String id = submit("The Hare runs.");
        given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel").then().statusCode(200);
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> get(id).getString("state").equals("CANCELED"));
    }

    private String submit(String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
    }

    private JsonPath get(String id) {
        return given().auth().oauth2(token).when().get("/v1/stories/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitState(String id, String state) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await(id + " to reach " + state).atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = get(id);
            return last[0].getString("state").equals(state);
        });
        return last[0];
    }

    private static void send(String storyId, StoryEvent.Builder event) {
        DevStackTestResource.stack().brokerSend(Queues.SCHEDULER_EVENTS, event.setStoryId(storyId).build().toByteArray(), Map.of());
    }

    private static Storyboard storyboard(int shots) {
        Storyboard.Builder storyboard = Storyboard.newBuilder().setTitle("Orion").setLanguage(Language.LANGUAGE_EN).setNegativePrompt("blurry");
        for (int i = 0; i < shots; i++) {
            storyboard.addShots(Shot.newBuilder().setIndex(i).setPrompt("prompt " + i).setNarration("line " + i).setSeed(i)
                    .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(5)).addAllConstellations(List.of("Ori")));
        }
        return storyboard.build();
    }
}
