package io.starloom.moderation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.QueueProbe;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.moderation.classifier.nsfwjs.NsfwjsClassifier;
import io.starloom.moderation.media.TestClips;
import io.starloom.proto.v1.Verdict;

/** Frame screening over the real broker, with the real nsfwjs model, on clips in the media store. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class FrameScreeningMessagingTest {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    MediaStore store;

    private static StoryEvent screen(ScreenFramesCommand command) {
        DevStackTestResource.stack().meshSend(Queues.MODERATION_FRAMES, command.getStoryId(), command);
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        await().atMost(WITHIN).until(() -> !events.eventsFor(command.getStoryId()).isEmpty());
        return events.eventsFor(command.getStoryId()).get(0);
    }

    @Test
    void aNightSkyClipIsScreenedAndAllowed() throws Exception {
        String storyId = UUID.randomUUID().toString();
        Path file = TestClips.write(Files.createTempFile("sky", ".mp4"), 81, TestClips::sky);
        String uri = store.put(MediaKey.clip(storyId, 1, 2), file);

        StoryEvent event = screen(ScreenFramesCommand.newBuilder().setStoryId(storyId).setShotIndex(1).setAttempt(2).setClipUri(uri).build());

        assertThat(event.getPayloadCase()).isEqualTo(StoryEvent.PayloadCase.FRAMES_SCREENED);
        FramesScreened screened = event.getFramesScreened();
        assertThat(screened.getVerdict()).isEqualTo(Verdict.VERDICT_ALLOW);
        assertThat(screened.getShotIndex()).isEqualTo(1);
        assertThat(screened.getAttempt()).isEqualTo(2);
        assertThat(screened.getFramesSampled()).isEqualTo(6);
        assertThat(screened.getClassifier()).isEqualTo(NsfwjsClassifier.NAME);
        assertThat(screened.getFindingsList()).isEmpty();
    }

    @Test
    void aClipThatIsNotThereFailsTheStageWithTheReason() {
        String storyId = UUID.randomUUID().toString();

        StoryEvent event = screen(ScreenFramesCommand.newBuilder().setStoryId(storyId).setShotIndex(0).setAttempt(1)
                .setClipUri(store.uriOf(MediaKey.clip(storyId, 0, 1))).build());

        assertThat(event.getPayloadCase()).isEqualTo(StoryEvent.PayloadCase.STAGE_FAILED);
        assertThat(event.getStageFailed().getFailure().getReason()).isEqualTo(FrameScreeningConsumer.CLIP_NOT_FOUND);
    }

    @Test
    void aUriOutsideTheStoreIsRefusedNotRead() {
        String storyId = UUID.randomUUID().toString();

        StoryEvent event = screen(ScreenFramesCommand.newBuilder().setStoryId(storyId).setShotIndex(0).setAttempt(1)
                .setClipUri("file:///etc/passwd").build());

        assertThat(event.getPayloadCase()).isEqualTo(StoryEvent.PayloadCase.STAGE_FAILED);
        assertThat(event.getStageFailed().getFailure().getReason()).isIn("FOREIGN_URI", "INVALID_URI", "OUTSIDE_MEDIA_ROOT");
    }

    @Test
    void aCommandWithoutAClipIsAStageFailure() {
        String storyId = UUID.randomUUID().toString();

        StoryEvent event = screen(ScreenFramesCommand.newBuilder().setStoryId(storyId).setShotIndex(0).setAttempt(1).build());

        assertThat(event.getStageFailed().getFailure().getReason()).isEqualTo(FrameScreeningConsumer.INVALID_COMMAND);
    }
}
