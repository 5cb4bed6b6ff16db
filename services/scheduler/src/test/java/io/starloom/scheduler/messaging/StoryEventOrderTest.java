package io.starloom.scheduler.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.activemq.artemis.api.core.Message;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.application.StageRouter;

/**
 * The stages' events over the real broker with several receivers: many stories' event sequences, interleaved on
 * the queue, are handled at the same time across stories but one at a time and in order within each story; an
 * unreadable one still ends in the dead-letter queue.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@TestProfile(StoryEventOrderTest.Recorded.class)
class StoryEventOrderTest {
    /** Not a multiple of the receivers: round-robin delivery alone would then spread each story over all of them. */
    private static final int STORIES = 25;
    private static final int EVENTS = 8;

    public static class Recorded implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordingStageRouter.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("starloom.scheduler.event-receivers", "4");
        }
    }

    @Inject
    StageRouter router;

    @Test
    void eachStorysEventsAreHandledInOrderWhileStoriesAreHandledConcurrently() {
        RecordingStageRouter recorder = (RecordingStageRouter) router;
        List<UUID> stories = IntStream.range(0, STORIES).mapToObj(i -> UUID.randomUUID()).toList();
        stories.forEach(recorder::watch);
        // Round by round: every story's event k is on the queue before any story's event k + 1.
        for (int k = 0; k < EVENTS; k++) {
            for (UUID story : stories) {
                DevStackTestResource.stack().meshSend(Queues.SCHEDULER_EVENTS, story.toString(), StoryEvent.newBuilder()
                        .setStoryId(story.toString()).setShotStarted(ShotStarted.newBuilder().setShotIndex(k)).build());
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> stories.stream().allMatch(story -> recorder.handled.get(story).size() == EVENTS));

        List<Integer> inOrder = IntStream.range(0, EVENTS).boxed().toList();
        for (UUID story : stories) {
            assertThat(recorder.handled.get(story)).as("events of story %s in the order sent", story).isEqualTo(inOrder);
        }
        assertThat(recorder.overlaps.get()).as("no two events of one story handled at the same time").isZero();
        assertThat(recorder.mostInFlight.get()).as("events of different stories handled at the same time").isGreaterThan(1);
    }

    @Test
    void anUnreadableGroupedEventIsStillDeadLettered() {
        RecordingStageRouter recorder = (RecordingStageRouter) router;
        UUID story = UUID.randomUUID();
        recorder.watch(story);
        Map<String, String> properties = Map.of("cloudEvents:specversion", "1.0", "cloudEvents:id", "poison-" + story,
                "cloudEvents:source", "/test", ProtoEnvelope.TYPE_PROPERTY, StoryEvent.getDescriptor().getFullName(),
                ProtoEnvelope.SUBJECT_PROPERTY, story.toString(), Message.HDR_GROUP_ID.toString(), story.toString());
        // Field 1 announced with 127 bytes that never come: no StoryEvent can be read from this.
        DevStackTestResource.stack().brokerSend(Queues.SCHEDULER_EVENTS, new byte[] { 0x0A, 0x7F, 0x01 }, properties);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recorder.deadLettered.containsKey(story));
        assertThat(recorder.deadLettered.get(story)).contains(Queues.SCHEDULER_EVENTS);
        // The story's group is not stuck behind its dead letter: its next event is handled.
        DevStackTestResource.stack().meshSend(Queues.SCHEDULER_EVENTS, story.toString(), StoryEvent.newBuilder()
                .setStoryId(story.toString()).setShotStarted(ShotStarted.newBuilder().setShotIndex(3)).build());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !recorder.handled.get(story).isEmpty());
        assertThat(recorder.handled.get(story)).containsExactly(3);
    }
}
