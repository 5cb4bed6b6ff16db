package io.starloom.scheduler;

import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static io.starloom.scheduler.Stories.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Evidence;
import io.starloom.proto.v1.FrameEvidence;
import io.starloom.proto.v1.Verdict;

/** With on-flagged=fail and no regeneration, a flagged shot fails its story at once with the reason and findings. */
@QuarkusTest
@TestProfile(FrameScreeningFailPolicyTest.FailAtOnce.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class FrameScreeningFailPolicyTest {
    /** Screening on, no regeneration, fail. */
    public static class FailAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("starloom.frames.enabled", "true", "starloom.frames.max-regenerations", "0", "starloom.frames.on-flagged", "fail");
        }
    }

    private final String token = Stories.token("frames", Roles.STORY_WRITER);

    @Inject
    SentCommands sent;

    @Test
    void aFlaggedShotFailsTheStoryWithFramesFlagged() {
        String id = submit(token, "织女星与牛郎星隔河相望。");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        Stories.awaitDispatched(token, id);
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/0.mp4")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sent.on(Queues.MODERATION_FRAMES, id).size() == 1);
        send(id, StoryEvent.newBuilder().setFramesScreened(FramesScreened.newBuilder().setShotIndex(0).setAttempt(1)
                .setVerdict(Verdict.VERDICT_BLOCK).setFramesSampled(5).setClassifier("nsfwjs-mobilenet-v2")
                .addFindings(Finding.newBuilder().setCategory(Category.CATEGORY_SEXUAL).setTerm("hentai")
                        .setEvidence(Evidence.newBuilder().setFrame(FrameEvidence.newBuilder().setLabel("hentai").setScore(0.81f).setFrameIndex(1)
                                .setOffset(com.google.protobuf.Duration.newBuilder().setSeconds(1)))))));

        JsonPath failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("FRAMES_FLAGGED");
        assertThat(failed.getString("failure.domain")).isEqualTo("scheduler.starloom.dev");
        assertThat(failed.getString("failure.message")).contains("shot 1", "sexual hentai", "1 render(s)");
        assertThat(failed.getMap("failure.metadata")).containsEntry("renders", "1").containsEntry("classifier", "nsfwjs-mobilenet-v2");
        assertThat(failed.getList("findings.term", String.class)).containsExactly("hentai");
        assertThat(failed.getDouble("findings[0].evidence.offsetSeconds")).isEqualTo(1.0);
        // No second render was asked for.
        assertThat(sent.on(Queues.GENERATION_REQUESTS, id)).hasSize(1);
    }
}
