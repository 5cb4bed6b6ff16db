package io.starloom.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.GenerateShotCommand;
import io.starloom.proto.v1.ModelProfile;
import io.starloom.proto.v1.StoryEvent;
import io.starloom.proto.v1.VideoFormat;

/** The worker against the real broker: commands in, events out, one shot at a time. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"),
        restrictToAnnotatedClass = false)
class GenerationConsumerTest {

    /** Stands in for the scheduler: records every event the worker reports. */
    @ApplicationScoped
    public static class EventRecorder {
        final List<StoryEvent> events = new CopyOnWriteArrayList<>();

        @Incoming("test-scheduler-events")
        public void record(byte[] body) throws Exception {
            events.add(StoryEvent.parseFrom(body));
        }

        List<StoryEvent> of(String storyId) {
            return events.stream().filter(e -> e.getStoryId().equals(storyId)).toList();
        }
    }

    @Inject
    EventRecorder recorder;

    @Test
    void rendersShotsOneAfterAnotherAndReportsPlayableClips() throws Exception {
        String story = UUID.randomUUID().toString();
        send(command(story, 0, 320, 180));
        send(command(story, 1, 320, 180));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> recorder.of(story).stream().filter(StoryEvent::hasShotGenerated).count() == 2);
        List<StoryEvent.PayloadCase> order = recorder.of(story).stream().map(StoryEvent::getPayloadCase).toList();
        assertThat(order).as("the second shot starts only after the first is done").containsExactly(
                StoryEvent.PayloadCase.SHOT_STARTED, StoryEvent.PayloadCase.SHOT_GENERATED,
                StoryEvent.PayloadCase.SHOT_STARTED, StoryEvent.PayloadCase.SHOT_GENERATED);
        StoryEvent first = recorder.of(story).get(1);
        Path clip = Path.of(URI.create(first.getShotGenerated().getClipUri()));
        assertThat(clip.getFileName().toString()).isEqualTo("shot-000-a1.mp4");
        assertThat(Files.size(clip)).isPositive();
        assertThat(first.getShotGenerated().getFrameCount()).isEqualTo(17);
        assertThat(first.getShotGenerated().getBackend()).isEqualTo("preview");
    }

    @Test
    void impossibleCommandFailsTheShotWithoutRetry() {
        String story = UUID.randomUUID().toString();
        send(command(story, 0, 333, 0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recorder.of(story).stream().anyMatch(StoryEvent::hasShotFailed));
        StoryEvent failed = recorder.of(story).stream().filter(StoryEvent::hasShotFailed).findFirst().orElseThrow();
        assertThat(failed.getShotFailed().getReason()).isEqualTo("INVALID_COMMAND");
        assertThat(failed.getShotFailed().getRetryable()).isFalse();
    }

    @Test
    void unreadableCommandEndsInTheDeadLetterQueue() {
        long before = DevStackTestResource.stack().brokerQueueCount(Queues.DEAD_LETTER);
        DevStackTestResource.stack().brokerSend(Queues.GENERATION_REQUESTS, new byte[] { (byte) 0xff, 0x01, 0x02 }, Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> DevStackTestResource.stack().brokerQueueCount(Queues.DEAD_LETTER) == before + 1);
    }

    private static GenerateShotCommand command(String story, int index, int width, int height) {
        return GenerateShotCommand.newBuilder().setStoryId(story).setShotIndex(index).setAttempt(1).setPrompt("stars").setSeed(index)
                .addConstellations("Ori")
                .setProfile(ModelProfile.newBuilder().setName("test").setFrameCount(17)
                        .setFormat(VideoFormat.newBuilder().setWidth(width).setHeight(height).setFps(16)))
                .build();
    }

    private static void send(GenerateShotCommand command) {
        DevStackTestResource.stack().brokerSend(Queues.GENERATION_REQUESTS, command.toByteArray(), Map.of());
    }
}
