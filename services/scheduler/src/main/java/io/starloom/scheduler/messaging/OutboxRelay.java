package io.starloom.scheduler.messaging;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;
import io.starloom.scheduler.persistence.SkipLocked;

/**
 * Sends outbox rows to the broker, each to the queue it names, and marks them published once the broker
 * has accepted them. For the commands that their own transaction sends right after commit ({@link DirectSends}:
 * a new story's enrichment, a dispatched shot), it is only the fallback for a writer that died before it could. One anonymous sender link ({@link CommandSender}) carries every command, so a new stage
 * needs no channel of its own, and a refused send or a broker restart fails only that send: the row stays
 * pending for the next sweep. Runs right after each committed transition and on a periodic sweep, so
 * nothing written is ever left behind — also not after a crash between commit and send. Rows are claimed
 * with SKIP LOCKED, so several scheduler replicas share the work; a rare duplicate send is harmless
 * because every consumer is idempotent.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    /**
     * Rows another replica is sending right now are skipped, not waited for; so are rows that their own
     * transaction sends after commit ({@link DirectSends}), until their relay_after has passed.
     */
    private static final String CLAIM_PENDING = "FROM OutboxEntity WHERE publishedAt IS NULL AND (relayAfter IS NULL OR relayAfter <= :now)"
            + " ORDER BY createdAt";

    private final CommandSender commands;
    private final IsolatedSessions sessions;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** A kicked pass is running; kicks meanwhile only ask for one more pass after it. */
    private final AtomicBoolean passing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(CommandSender commands, IsolatedSessions sessions) {
        this.commands = commands;
        this.sessions = sessions;
    }

    /**
     * Starts publishing what is pending, without waiting: called right after a commit. Kicks during a pass
     * coalesce into one more pass, so a burst of commits costs a few passes, not one each.
     */
    public void kick() {
        again.set(true);
        if (passing.compareAndSet(false, true)) {
            pass();
        }
    }

    private void pass() {
        again.set(false);
        sessions.run(this::publishPending).subscribe().with(sent -> {
            LOG.debugf("relay sent %d", sent);
            passed(sent == BATCH);
        }, failure -> {
            LOG.warnf("outbox relay will retry: %s", failure.getMessage());
            passed(false);
        });
    }

    /** A full batch may have left rows behind: go on with them as with a kick. */
    private void passed(boolean full) {
        passing.set(false);
        if ((full || again.get()) && passing.compareAndSet(false, true)) {
            pass();
        }
    }

    /**
     * Publishes what is pending now; returns the number of rows sent. A row the broker refuses stays pending for
     * the sweep and does not hold back the rows after it.
     */
    public Uni<Integer> publishPending() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createSelectionQuery(CLAIM_PENDING, OutboxEntity.class).setParameter("now", Instant.now())
                        .setMaxResults(BATCH).setLockMode(SkipLocked.MODE).getResultList())
                                // Sent in order over the one link, without waiting for each accept before the next send: one row's
                // round trip to the broker at a time kept the relay to a few hundred rows a second.
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUni(this::send).merge(BATCH)
                        .filter(Boolean::booleanValue).collect().asList())
                .map(List::size))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("outbox relay will retry: %s", failure.getMessage());
                    return 0;
                });
    }

    private Uni<Boolean> send(OutboxEntity row) {
        return commands.send(row).invoke(() -> row.publishedAt = Instant.now()).replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("outbox row %s to %s not sent, left for the next sweep: %s", row.id, row.destination, failure.getMessage());
                    return false;
                });
    }

    /** Not before start-up is over. */
    @Scheduled(every = "${starloom.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return publishPending().replaceWithVoid().eventually(() -> sweeping.set(false));
    }
}
