package io.starloom.enrichment.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.QueueProbe;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.StoryEvent;

/**
 * The broker restarts while enrichment is busy reporting: every story sent before and after the restart is
 * still reported (the stage's event sender opens a new link; a command whose report was lost is redelivered).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"), restrictToAnnotatedClass = false)
class EnrichmentBrokerRestartTest {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void reportsEveryStoryAcrossABrokerRestart() {
        QueueProbe before = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        List<String> early = sendStories(200);

        DevStackTestResource.stack().restartBroker();
        List<String> late = sendStories(5);

        await().atMost(WITHIN).untilAsserted(() -> {
            QueueProbe after = QueueProbe.on(Queues.SCHEDULER_EVENTS);
            for (String story : late) {
                assertThat(enriched(after, story)).as("story %s sent after the restart", story).isTrue();
            }
            for (String story : early) {
                assertThat(enriched(before, story) || enriched(after, story))
                        .as("story %s sent before the restart", story).isTrue();
            }
        });
    }

    private static boolean enriched(QueueProbe probe, String story) {
        return probe.eventsFor(story).stream().anyMatch(event -> event.getPayloadCase() == StoryEvent.PayloadCase.STORY_ENRICHED);
    }

    private static List<String> sendStories(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            String storyId = UUID.randomUUID().toString();
            DevStackTestResource.stack().meshSend(Queues.ENRICHMENT_REQUESTS, storyId,
                    EnrichStoryCommand.newBuilder().setStoryId(storyId).setText("Orion hunts across the winter sky, his belt of three stars bright.").build());
            return storyId;
        }).toList();
    }
}
