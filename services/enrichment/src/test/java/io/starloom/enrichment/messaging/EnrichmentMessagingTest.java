package io.starloom.enrichment.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.QueueProbe;
import io.starloom.enrichment.domain.Samples;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

/** The AMQP side against the real broker: commands in on the request queue, events out on the scheduler's queue. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"), restrictToAnnotatedClass = false)
class EnrichmentMessagingTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static StoryEvent awaitEvent(String storyId) {
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        await().atMost(WITHIN).until(() -> !events.eventsFor(storyId).isEmpty());
        return events.eventsFor(storyId).get(0);
    }

    private static void send(EnrichStoryCommand command) {
        DevStackTestResource.stack().meshSend(Queues.ENRICHMENT_REQUESTS, command.getStoryId(), command);
    }

    @Test
    void aStoryBecomesAStoryEnrichedEvent() {
        String storyId = UUID.randomUUID().toString();
        send(EnrichStoryCommand.newBuilder().setStoryId(storyId).setText(Samples.story("andromeda.zh.txt")).build());

        StoryEvent event = awaitEvent(storyId);
        assertEquals(StoryEvent.PayloadCase.STORY_ENRICHED, event.getPayloadCase(), event.toString());
        assertTrue(event.getOccurTime().getSeconds() > 0);
        Storyboard storyboard = event.getStoryEnriched().getStoryboard();
        assertEquals(Language.LANGUAGE_ZH, storyboard.getLanguage());
        assertEquals(Style.STYLE_CINEMATIC, storyboard.getStyle());
        assertEquals(3, storyboard.getShotsCount());
        assertEquals(List.of("Cas"), storyboard.getShots(1).getConstellationsList());
        assertEquals(Samples.planner().plan(new StoryInput(Samples.story("andromeda.zh.txt"),
                Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, storyId)), storyboard, "seeds derive from the story id");
    }

    @Test
    void aCallersSeedPlansTheSameShotSeedsInAnyStory() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String unseeded = UUID.randomUUID().toString();
        String text = Samples.story("andromeda.zh.txt");
        send(EnrichStoryCommand.newBuilder().setStoryId(first).setText(text).setSeed(-7).build());
        send(EnrichStoryCommand.newBuilder().setStoryId(second).setText(text).setSeed(-7).build());
        send(EnrichStoryCommand.newBuilder().setStoryId(unseeded).setText(text).build());

        List<Long> seeds = awaitEvent(first).getStoryEnriched().getStoryboard().getShotsList().stream().map(Shot::getSeed).toList();
        assertEquals(seeds, awaitEvent(second).getStoryEnriched().getStoryboard().getShotsList().stream().map(Shot::getSeed).toList());
        assertNotEquals(seeds, awaitEvent(unseeded).getStoryEnriched().getStoryboard().getShotsList().stream().map(Shot::getSeed).toList());
    }

    @Test
    void aStoryWithoutTextBecomesAStageFailure() {
        String storyId = UUID.randomUUID().toString();
        send(EnrichStoryCommand.newBuilder().setStoryId(storyId).setText("   ").setStyle(Style.STYLE_INK_WASH).build());

        StoryEvent event = awaitEvent(storyId);
        assertEquals(StoryEvent.PayloadCase.STAGE_FAILED, event.getPayloadCase(), event.toString());
        assertEquals("enrichment", event.getStageFailed().getStage());
        assertEquals("EMPTY_TEXT", event.getStageFailed().getFailure().getReason());
    }

    @Test
    void aMalformedBodyEndsInTheDeadLetterQueue() {
        byte[] poison = ("not a protobuf " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        DevStackTestResource.stack().brokerSend(Queues.ENRICHMENT_REQUESTS, poison, Map.of());

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, poison)));
    }

    @Test
    void aCommandWithoutStoryIdEndsInTheDeadLetterQueue() {
        EnrichStoryCommand command = EnrichStoryCommand.newBuilder().setText("织女星 " + UUID.randomUUID()).build();
        byte[] anonymous = command.toByteArray();
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        DevStackTestResource.stack().meshSend(Queues.ENRICHMENT_REQUESTS, "", command);

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, anonymous)));
    }

    @Test
    void aCommandUnderAnotherTypeEndsInTheDeadLetterQueueUnenriched() {
        String storyId = UUID.randomUUID().toString();
        EnrichStoryCommand message = EnrichStoryCommand.newBuilder().setStoryId(storyId).setText(Samples.story("andromeda.zh.txt")).build();
        byte[] command = message.toByteArray();
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        DevStackTestResource.stack().meshSendAs(Queues.ENRICHMENT_REQUESTS, storyId, ModerateTextCommand.getDescriptor().getFullName(), message);

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, command)));
        assertEquals(List.of(), events.eventsFor(storyId));
    }
}
