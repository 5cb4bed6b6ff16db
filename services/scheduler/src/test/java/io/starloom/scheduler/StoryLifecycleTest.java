package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.get;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static io.starloom.scheduler.Stories.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.starloom.proto.v1.Failure;
import io.starloom.contracts.Failures;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.proto.v1.Category;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.proto.v1.Film;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.proto.v1.Finding;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.application.StoryQueries;
import io.starloom.scheduler.persistence.IsolatedSessions;

/** The state machine driven by real stage events over the real broker. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryLifecycleTest {
    private final String token = Stories.token("lifecycle", Roles.STORY_WRITER);

    @Inject
    SentCommands sent;

    @Inject
    StoryQueries queries;

    @Inject
    IsolatedSessions sessions;

    @Test
    void storyMovesThroughEveryStageIgnoringStaleEventsAndRetryingAFailedShot() {
        String id = submit(token, "Orion rises. The Scorpion follows.");
        EnrichStoryCommand enrich = awaitOne(Queues.ENRICHMENT_REQUESTS, id, EnrichStoryCommand::parseFrom);
        assertThat(enrich.getText()).isEqualTo("Orion rises. The Scorpion follows.");
        assertThat(sent.on(Queues.ENRICHMENT_REQUESTS, id).get(0).type()).isEqualTo("starloom.mesh.v1.EnrichStoryCommand");

        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(2))));
        awaitState(token, id, "SCREENING");
        ModerateTextCommand screen = awaitOne(Queues.MODERATION_REQUESTS, id, ModerateTextCommand::parseFrom);
        assertThat(screen.getTextsList()).contains("Orion rises. The Scorpion follows.", "prompt 0", "line 1");

        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        JsonPath queued = awaitState(token, id, "QUEUED");
        // Queued in the database, then dispatched as soon as the fleet has room (here: no workers announced, the test capacity).
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> get(token, id).getList("shots.state", String.class).equals(List.of("DISPATCHED", "DISPATCHED")));
        assertThat(queued.getString("title")).isEqualTo("Orion");
        List<GenerateShotCommand> shots = awaitCount(Queues.GENERATION_REQUESTS, id, GenerateShotCommand::parseFrom, 2);
        assertThat(shots).extracting(GenerateShotCommand::getShotIndex).containsExactlyInAnyOrder(0, 1);
        assertThat(shots.get(0).getProfile().getName()).isEqualTo("wan2.2-t2v-a14b-720p");
        assertThat(shots.get(0).getProfile().getFormat()).isEqualTo(format(1280, 720, 16));
        assertThat(shots.get(0).getProfile().getFrameCount()).isEqualTo(81);
        assertThat(shots.get(0).getNegativePrompt()).isEqualTo("blurry");

        send(id, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(0).setAttempt(1).setWorkerId("w1")));
        awaitState(token, id, "GENERATING");
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/0.mp4")));
        send(id, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(1).setAttempt(1).setRetryable(true)
                .setFailure(Failure.newBuilder().setReason("BACKEND_ERROR").setMessage("GPU fell over"))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get(token, id).getInt("shots[1].attempt") == 2);
        GenerateShotCommand retry = awaitCount(Queues.GENERATION_REQUESTS, id, GenerateShotCommand::parseFrom, 3).get(2);
        assertThat(retry.getShotIndex()).isEqualTo(1);
        assertThat(retry.getAttempt()).isEqualTo(2);
        // A late result of the abandoned attempt must not count.
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(1).setAttempt(1).setClipUri("file:///m/stale.mp4")));
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(1).setAttempt(2).setClipUri("file:///m/1.mp4")));
        JsonPath assembling = awaitState(token, id, "ASSEMBLING");
        assertThat(assembling.getList("shots.state", String.class)).containsExactly("GENERATED", "GENERATED");
        assertThat(assembling.getInt("progressPercent")).isBetween(90, 99);
        AssembleFilmCommand assemble = awaitOne(Queues.POSTPROCESS_REQUESTS, id, AssembleFilmCommand::parseFrom);
        assertThat(assemble.getClipsList()).extracting(c -> c.getUri()).containsExactly("file:///m/0.mp4", "file:///m/1.mp4");
        assertThat(assemble.getOutput()).as("the profile's frame size at the film rate").isEqualTo(format(1280, 720, 24));

        send(id, StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder().setFilm(Film.newBuilder()
                .setVideoUri("file:///m/film.mp4").setSha256("abc").setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(9)))));
        JsonPath completed = awaitState(token, id, "COMPLETED");
        assertThat(completed.getDouble("film.durationSeconds")).isEqualTo(9.0);
        assertThat(completed.getInt("progressPercent")).isEqualTo(100);
        // A late report about a finished story changes nothing.
        send(id, StoryEvent.newBuilder().setStageFailed(StageFailed.newBuilder().setStage("postprocess").setFailure(Failure.newBuilder().setReason("LATE"))));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> get(token, id).getString("state").equals("COMPLETED"));
    }

    @Test
    void aShotThatFailsForGoodFailsTheStory() {
        String id = generating(1);
        send(id, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(0).setAttempt(1).setRetryable(false)
                .setFailure(Failure.newBuilder().setReason("PROMPT_REFUSED").setMessage("the backend refused the prompt"))));
        JsonPath failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("SHOT_FAILED");
        assertThat(failed.getString("failure.message")).contains("PROMPT_REFUSED");
        assertThat(failed.getString("shots[0].state")).isEqualTo("FAILED");
    }

    @Test
    void retriesStopAtTheConfiguredAttempts() {
        String id = generating(1);
        send(id, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(0).setAttempt(1).setRetryable(true)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get(token, id).getInt("shots[0].attempt") == 2);
        send(id, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(0).setAttempt(2).setRetryable(true)
                .setFailure(Failure.newBuilder().setReason("BACKEND_ERROR"))));
        JsonPath failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("SHOT_FAILED");
        assertThat(failed.getInt("shots[0].attempt")).isEqualTo(2);
        assertThat(sent.on(Queues.GENERATION_REQUESTS, id)).hasSize(2);
    }

    @Test
    void aStageThatCannotWorkFailsTheStoryWithItsReason() {
        String id = submit(token, "Lyra plays.");
        send(id, StoryEvent.newBuilder().setStageFailed(StageFailed.newBuilder().setStage("enrichment").setFailure(Failure.newBuilder().setReason("NO_BEATS").setMessage("no sentence found"))));
        JsonPath failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("NO_BEATS");
        assertThat(failed.getString("failure.message")).isEqualTo("enrichment: no sentence found");
    }

    @Test
    void blockedTextRejectsTheStoryWithItsFindings() {
        String id = submit(token, "something forbidden");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_BLOCK)
                .addFindings(Finding.newBuilder().setCategory(Category.CATEGORY_SEXUAL_MINORS).setTerm("x").setStart(0).setEnd(1))));
        JsonPath rejected = awaitState(token, id, "REJECTED");
        assertThat(rejected.getString("failure.reason")).isEqualTo("MODERATION_BLOCKED");
        assertThat(rejected.getList("findings.category", String.class)).containsExactly("sexual-minors");
        assertThat(sent.on(Queues.GENERATION_REQUESTS, id)).as("no GPU time for a rejected story").isEmpty();
    }

    @Test
    void deadLetteredMessageFailsItsStory() {
        String id = submit(token, "Cassiopeia sits on her throne.");
        DevStackTestResource.stack().brokerSend(Queues.DEAD_LETTER, new byte[] { 1, 2, 3 }, cloudEvent(id));
        JsonPath failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("DEAD_LETTERED");
    }

    @Test
    void anUnreadableEventIsRetriedThenDeadLetteredAndFailsItsStory() {
        String id = submit(token, "Perseus flies.");
        // Field 1 announced with 127 bytes that never come: no StoryEvent can be read from this.
        DevStackTestResource.stack().brokerSend(Queues.SCHEDULER_EVENTS, new byte[] { 0x0A, 0x7F, 0x01 }, cloudEvent(id));
        JsonPath failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("DEAD_LETTERED");
        assertThat(failed.getString("failure.message")).contains(Queues.SCHEDULER_EVENTS);
    }

    @Test
    void canceledStoryIgnoresLaterEvents() {
        String id = submit(token, "The Hare runs.");
        given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel").then().statusCode(200);
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> get(token, id).getString("state").equals("CANCELED"));
    }

    @Test
    void aReviewVerdictHoldsTheStoryInReviewWithoutGeneratingUntilItIsCanceled() {
        String id = submit(token, "Orion hunts.");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(2))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_REVIEW)
                .addFindings(Finding.newBuilder().setCategory(Category.CATEGORY_VIOLENCE_GRAPHIC).setTerm("blood").setStart(0).setEnd(5))));
        JsonPath inReview = awaitState(token, id, "IN_REVIEW");
        assertThat(inReview.getList("findings.category", String.class)).containsExactly("violence-graphic");
        assertThat(inReview.getString("failure")).as("waiting for a person is no failure").isNull();
        assertThat(inReview.getInt("progressPercent")).isEqualTo(92);
        assertThat(inReview.getList("shots.state", String.class)).containsExactly("QUEUED", "QUEUED");

        // A second verdict (a redelivery, or moderation changing its mind) does not release the story.
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> get(token, id).getString("state").equals("IN_REVIEW"));
        assertThat(sent.on(Queues.GENERATION_REQUESTS, id)).as("no GPU time for a story in review").isEmpty();

        JsonPath canceled = given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel")
                .then().statusCode(200).extract().jsonPath();
        assertThat(canceled.getString("state")).isEqualTo("CANCELED");
        assertThat(canceled.getString("failure.reason")).isEqualTo("CANCELED");
        assertThat(sent.on(Queues.GENERATION_REQUESTS, id)).isEmpty();
    }

    @Test
    void aStoryWithAVeryLongTitleIsStoredAndGoesOn() {
        String id = submit(token, "Andromeda " + "waits ".repeat(332));
        String title = "Andromeda ".repeat(200);
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1).toBuilder().setTitle(title))));
        assertThat(awaitState(token, id, "SCREENING").getString("title")).isEqualTo(title);
    }

    @Test
    void everyFailureNamesTheDomainThatDecidedIt() {
        String stage = submit(token, "Lyra plays again.");
        send(stage, StoryEvent.newBuilder().setStageFailed(StageFailed.newBuilder().setStage("enrichment")
                .setFailure(Failures.of("enrichment", "NO_BEATS", "no sentence found"))));
        awaitState(token, stage, "FAILED");
        assertThat(story(stage).getFailure()).isEqualTo(Failures.of("enrichment", "NO_BEATS", "enrichment: no sentence found"));

        String unnamed = submit(token, "Lyra plays once more.");
        send(unnamed, StoryEvent.newBuilder().setStageFailed(StageFailed.newBuilder().setStage("postprocess")
                .setFailure(Failure.newBuilder().setMessage("ffmpeg died"))));
        awaitState(token, unnamed, "FAILED");
        assertThat(story(unnamed).getFailure()).isEqualTo(Failures.of("scheduler", "STAGE_FAILED", "postprocess: ffmpeg died"));

        String shot = generating(1);
        send(shot, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(0).setAttempt(1).setRetryable(false)
                .setFailure(Failures.of("inference-worker", "PROMPT_REFUSED", "the backend refused the prompt"))));
        awaitState(token, shot, "FAILED");
        Failure shotFailure = story(shot).getFailure();
        assertThat(shotFailure.getReason()).isEqualTo("SHOT_FAILED");
        assertThat(shotFailure.getDomain()).isEqualTo("scheduler.starloom.dev");
        assertThat(shotFailure.getMetadataMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("shot_index", "0", "attempts", "1", "worker_reason", "PROMPT_REFUSED", "failure_kind", "permanent"));

        String canceled = submit(token, "Lyra rests.");
        given().auth().oauth2(token).when().post("/v1/stories/" + canceled + ":cancel").then().statusCode(200);
        assertThat(story(canceled).getFailure().getDomain()).isEqualTo("scheduler.starloom.dev");
    }

    /** The story as the public API's protobuf {@code Story}, failure domain and metadata included. */
    private Story story(String id) {
        return sessions.run(() -> queries.get(new Caller("tester", "lifecycle"), id)).await().atMost(Duration.ofSeconds(10));
    }

    /** A story whose {@code shots} shots have all been dispatched (attempt 1). */
    private String generating(int shots) {
        String id = submit(token, "The Swan flies south.");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(shots))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        Stories.awaitDispatched(token, id);
        return id;
    }

    private <T> T awaitOne(String queue, String id, SentCommands.Parser<T> parser) {
        return awaitCount(queue, id, parser, 1).get(0);
    }

    private <T> List<T> awaitCount(String queue, String id, SentCommands.Parser<T> parser, int count) {
        Awaitility.await(count + " on " + queue).atMost(Duration.ofSeconds(10)).until(() -> sent.on(queue, id).size() >= count);
        return sent.parsed(queue, id, parser);
    }

    private static Map<String, String> cloudEvent(String storyId) {
        return Map.of("cloudEvents:subject", storyId, "cloudEvents:specversion", "1.0", "cloudEvents:id", "test-" + storyId,
                "cloudEvents:type", "starloom.mesh.v1.StoryEvent", "cloudEvents:source", "/test");
    }

    private static VideoFormat format(int width, int height, int fps) {
        return VideoFormat.newBuilder().setWidth(width).setHeight(height).setFps(fps).build();
    }
}
