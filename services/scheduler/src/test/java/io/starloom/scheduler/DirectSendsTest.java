package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.messaging.DirectSends;
import io.starloom.scheduler.messaging.OutboxRelay;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;

/**
 * The dispatcher's commands leave right after their own commit (DirectSends) and are marked sent once; the relay
 * leaves such a row alone while its writer may still send it, and sends it after relay_after when the writer
 * died between commit and send — so it goes out once either way, and is never lost.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class DirectSendsTest {
    /** The default profile's generation queue, which the tests' SentCommands takes off the broker. */
    private static final String QUEUE = Queues.generation("wan2.2-t2v-a14b-720p");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    OutboxWriter outbox;
    @Inject
    DirectSends directSends;
    @Inject
    OutboxRelay relay;
    @Inject
    IsolatedSessions sessions;
    @Inject
    SentCommands sent;

    @Test
    void aCommandSentAfterItsCommitIsMarkedSentAndNotSentAgainByTheRelay() throws InterruptedException {
        UUID story = UUID.randomUUID();
        sessions.run(() -> Panache.withTransaction(() -> write(story, Instant.now().plusSeconds(1)).invoke(directSends::afterCommit))
                .invoke(directSends::sendCommitted)).await().atMost(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> row(story).publishedAt != null);
        Awaitility.await().atMost(WAIT).until(() -> sent.on(Queues.GENERATION_REQUESTS, story.toString()).size() == 1);

        // Past its relay_after, the relay has nothing left to send: published once, received once.
        Thread.sleep(1500);
        sessions.run(relay::publishPending).await().atMost(WAIT);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sent.on(Queues.GENERATION_REQUESTS, story.toString()).size() == 1);
    }

    @Test
    void aCommandWhoseWriterDiedAfterCommitIsSentByTheRelayOnceItsHoldIsOver() {
        UUID story = UUID.randomUUID();
        // Committed, and then nobody sends it: what a replica killed right after its commit leaves behind.
        sessions.run(() -> Panache.withTransaction(() -> write(story, Instant.now().plusSeconds(2)))).await().atMost(WAIT);
        sessions.run(relay::publishPending).await().atMost(WAIT);
        assertThat(row(story).publishedAt).as("held for its writer").isNull();

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            sessions.run(relay::publishPending).await().atMost(WAIT);
            assertThat(row(story).publishedAt).isNotNull();
        });
        Awaitility.await().atMost(WAIT).until(() -> sent.on(Queues.GENERATION_REQUESTS, story.toString()).size() == 1);
    }

    private io.smallrye.mutiny.Uni<OutboxEntity> write(UUID story, Instant relayAfter) {
        return outbox.addForDirectSend(Stage.GENERATE, story, GenerateShotCommand.newBuilder().setStoryId(story.toString()).setShotIndex(0)
                .setAttempt(1).setPrompt("Deneb").build(), QUEUE, null, relayAfter);
    }

    private OutboxEntity row(UUID story) {
        List<OutboxEntity> rows = sessions.run(() -> Panache.withSession(() -> OutboxEntity.<OutboxEntity>list("storyId", story)))
                .await().atMost(WAIT);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
