package io.starloom.scheduler;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Evidence;
import io.starloom.proto.v1.FrameEvidence;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.Verdict;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.application.FrameScreening;
import io.starloom.scheduler.application.StoryQueries;
import io.starloom.scheduler.persistence.IsolatedSessions;

/**
 * Frame screening through the scheduler against the real broker and database, the test playing the workers
 * and moderation: every generated clip is sent to screening, a flagged shot is rendered again with a new
 * seed, and still flagged after the last regeneration the story waits IN_REVIEW with the frame evidence.
 */
@QuarkusTest
@TestProfile(FrameScreeningLifecycleTest.ReviewAfterOneRegeneration.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class FrameScreeningLifecycleTest {
    /** Screening on, one regeneration, then review. */
    public static class ReviewAfterOneRegeneration implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("starloom.frames.enabled", "true", "starloom.frames.max-regenerations", "1", "starloom.frames.on-flagged", "review");
        }
    }

    private final String token = Stories.token("frames", Roles.STORY_WRITER);

    @Inject
    SentCommands sent;

    @Inject
    StoryQueries queries;

    @Inject
    IsolatedSessions sessions;

    @Test
    void aFlaggedShotIsRegeneratedWithANewSeedThenGoesToReviewWithItsFrameEvidence() {
        String id = submit(token, "Orion rises. The Scorpion follows.");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(2))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        awaitState(token, id, "QUEUED");
        List<GenerateShotCommand> first = awaitCount(Queues.GENERATION_REQUESTS, id, GenerateShotCommand::parseFrom, 2);
        long plannedSeed = first.stream().filter(c -> c.getShotIndex() == 1).findFirst().orElseThrow().getSeed();

        // Shot 0: generated, screened, allowed.
        generated(id, 0, 1);
        ScreenFramesCommand screen0 = awaitCount(Queues.MODERATION_FRAMES, id, ScreenFramesCommand::parseFrom, 1).get(0);
        assertThat(screen0.getShotIndex()).isZero();
        assertThat(screen0.getAttempt()).isEqualTo(1);
        assertThat(screen0.getClipUri()).isEqualTo(clip(0, 1));
        assertThat(awaitShot(id, 0, "GENERATED").getString("state")).isEqualTo("GENERATING");
        screened(id, 0, 1, Verdict.VERDICT_ALLOW);
        awaitShot(id, 0, "SCREENED");

        // Shot 1: flagged, so rendered again as attempt 2 with another seed.
        generated(id, 1, 1);
        awaitCount(Queues.MODERATION_FRAMES, id, ScreenFramesCommand::parseFrom, 2);
        screened(id, 1, 1, Verdict.VERDICT_BLOCK);
        GenerateShotCommand again = awaitCount(Queues.GENERATION_REQUESTS, id, GenerateShotCommand::parseFrom, 3).get(2);
        assertThat(again.getShotIndex()).isEqualTo(1);
        assertThat(again.getAttempt()).isEqualTo(2);
        assertThat(again.getSeed()).isNotEqualTo(plannedSeed).isEqualTo(FrameScreening.seed(plannedSeed, 1)).isBetween(0L, (1L << 31) - 1);
        assertThat(again.getPrompt()).isEqualTo(first.get(1).getPrompt());
        // The abandoned attempt's late verdict changes nothing.
        screened(id, 1, 1, Verdict.VERDICT_ALLOW);
        assertThat(awaitShot(id, 1, "DISPATCHED").getInt("shots[1].attempt")).isEqualTo(2);

        // Still flagged after the one regeneration: review, with the frames as evidence, and no film.
        generated(id, 1, 2);
        ScreenFramesCommand screen2 = awaitCount(Queues.MODERATION_FRAMES, id, ScreenFramesCommand::parseFrom, 3).get(2);
        assertThat(screen2.getAttempt()).isEqualTo(2);
        assertThat(screen2.getClipUri()).isEqualTo(clip(1, 2));
        screened(id, 1, 2, Verdict.VERDICT_BLOCK);
        JsonPath inReview = awaitState(token, id, "IN_REVIEW");
        assertThat(inReview.getList("findings.category", String.class)).containsExactly("sexual");
        assertThat(inReview.getString("findings[0].term")).isEqualTo("porn");
        assertThat(inReview.getString("findings[0].evidence.label")).isEqualTo("porn");
        assertThat(inReview.getDouble("findings[0].evidence.score")).isBetween(0.92, 0.94);
        assertThat(inReview.getInt("findings[0].evidence.shotIndex")).isEqualTo(1);
        assertThat(inReview.getDouble("findings[0].evidence.offsetSeconds")).isEqualTo(2.5);
        Story story = sessions.run(() -> queries.get(new Caller("tester", "frames"), id)).await().atMost(Duration.ofSeconds(10));
        assertThat(story.getFindings(0).getEvidence().getFrame().getThumbnailUri()).isEqualTo(thumbnail(1, 2));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> sent.on(Queues.POSTPROCESS_REQUESTS, id).isEmpty() && get(token, id).getString("state").equals("IN_REVIEW"));
    }

    private static String clip(int shot, int attempt) {
        return "file:///m/shot-" + shot + "-a" + attempt + ".mp4";
    }

    private static String thumbnail(int shot, int attempt) {
        return "file:///m/shot-" + shot + "-a" + attempt + "-frame-02500ms.jpg";
    }

    private static void generated(String id, int shot, int attempt) {
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(shot).setAttempt(attempt)
                .setClipUri(clip(shot, attempt)).setFrameCount(81)));
    }

    /** Moderation's answer; a BLOCK carries one porn finding on the frame at 2.5 s. */
    private static void screened(String id, int shot, int attempt, Verdict verdict) {
        FramesScreened.Builder screened = FramesScreened.newBuilder().setShotIndex(shot).setAttempt(attempt).setVerdict(verdict)
                .setFramesSampled(6).setClassifier("nsfwjs-mobilenet-v2");
        if (verdict == Verdict.VERDICT_BLOCK) {
            screened.addFindings(Finding.newBuilder().setCategory(Category.CATEGORY_SEXUAL).setTerm("porn")
                    .setEvidence(Evidence.newBuilder().setFrame(FrameEvidence.newBuilder().setLabel("porn").setScore(0.93f).setShotIndex(shot).setFrameIndex(3)
                            .setOffset(com.google.protobuf.Duration.newBuilder().setSeconds(2).setNanos(500_000_000))
                            .setThumbnailUri(thumbnail(shot, attempt)))));
        }
        send(id, StoryEvent.newBuilder().setFramesScreened(screened));
    }

    private JsonPath awaitShot(String id, int shot, String state) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await("shot " + shot + " " + state).atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = get(token, id);
            return last[0].getString("shots[" + shot + "].state").equals(state);
        });
        return last[0];
    }

    private <T> List<T> awaitCount(String queue, String id, SentCommands.Parser<T> parser, int count) {
        Awaitility.await(count + " on " + queue).atMost(Duration.ofSeconds(20)).until(() -> sent.on(queue, id).size() >= count);
        return sent.parsed(queue, id, parser);
    }
}
