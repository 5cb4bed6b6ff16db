package io.starloom.scheduler.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;

/**
 * Sends outbox rows to the broker and marks them published once the broker has accepted them. Runs right
 * after each committed transition and on a periodic sweep, so nothing written is ever left behind — also
 * not after a crash between commit and send. Rows are claimed with SKIP LOCKED, so several scheduler
 * replicas share the work; a rare duplicate send is harmless because every consumer is idempotent.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/starloom/scheduler";
    private static final int BATCH = 100;
    /** Rows another replica is sending right now are skipped, not waited for. */
    private static final String CLAIM_PENDING = "SELECT * FROM outbox WHERE published_at IS NULL ORDER BY created_at LIMIT "
            + BATCH + " FOR UPDATE SKIP LOCKED";

    private final Map<String, MutinyEmitter<byte[]>> emitters;
    private final IsolatedSessions sessions;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public OutboxRelay(@Channel("enrichment-requests") MutinyEmitter<byte[]> enrichment,
            @Channel("moderation-requests") MutinyEmitter<byte[]> moderation,
            @Channel("generation-requests") MutinyEmitter<byte[]> generation,
            @Channel("postprocess-requests") MutinyEmitter<byte[]> postprocess, IsolatedSessions sessions) {
        this.sessions = sessions;
        this.emitters = Map.of(Queues.ENRICHMENT_REQUESTS, enrichment, Queues.MODERATION_REQUESTS, moderation,
                Queues.GENERATION_REQUESTS, generation, Queues.POSTPROCESS_REQUESTS, postprocess);
    }

    /** Starts publishing what is pending, without waiting: called right after a commit. */
    public void kick() {
        sessions.run(this::publishPending).subscribe().with(sent -> LOG.debugf("relay sent %d", sent),
                failure -> LOG.warnf("outbox relay will retry: %s", failure.getMessage()));
    }

    /** Publishes what is pending now; returns the number of rows sent. Failures are left for the sweep. */
    public Uni<Integer> publishPending() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_PENDING, OutboxEntity.class).getResultList())
                .call(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(this::send).collect().last())
                .map(List::size))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("outbox relay will retry: %s", failure.getMessage());
                    return 0;
                });
    }

    private Uni<Void> send(OutboxEntity row) {
        MutinyEmitter<byte[]> emitter = emitters.get(row.destination);
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for " + row.destination));
        }
        return emitter.sendMessage(ProtoEnvelope.wrap(row.id.toString(), SOURCE, row.storyId.toString(), row.type, row.payload))
                .invoke(() -> row.publishedAt = Instant.now());
    }

    /** Not before start-up is over: the emitters only exist once Reactive Messaging has wired the channels. */
    @Scheduled(every = "${starloom.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return publishPending().replaceWithVoid().eventually(() -> sweeping.set(false));
    }
}
