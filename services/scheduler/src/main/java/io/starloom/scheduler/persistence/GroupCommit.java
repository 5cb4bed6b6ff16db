package io.starloom.scheduler.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.hibernate.HibernateException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.starloom.scheduler.config.SubmissionConfig;
import io.starloom.scheduler.messaging.DirectSends;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;

/**
 * Group commit: transactions that arrive while others are being written share one, so that a burst of
 * submissions costs one BEGIN, one batched INSERT per table and one COMMIT (one WAL flush) instead of one
 * each. Nothing waits for a group to fill: a transaction starts with whatever is waiting when a group slot
 * is free, so a lone caller gets its own at once. Every caller is answered only after the commit of the
 * transaction that holds its work, on its own Vert.x context.
 *
 * <p>The contract for a unit of work: it may fail, if at all, before it writes anything (checks first,
 * writes last), so that its failure is its own and the others in its group still commit. A failure that
 * comes from the database (a constraint, a lost connection) may have aborted the shared transaction: the
 * group is rolled back and each of its works runs again in a transaction of its own, so nobody is answered
 * with another caller's error. Commands its works wrote for direct sending ({@link DirectSends}) leave right
 * after the commit of the transaction that holds them.
 */
@ApplicationScoped
public class GroupCommit {
    private final IsolatedSessions sessions;
    private final DirectSends directSends;
    private final int maxWorks;
    private final int maxGroups;
    private final Queue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger groups = new AtomicInteger();
    private final DistributionSummary groupSizes;

    public GroupCommit(IsolatedSessions sessions, DirectSends directSends, SubmissionConfig config, MeterRegistry registry) {
        this.sessions = sessions;
        this.directSends = directSends;
        this.groupSizes = DistributionSummary.builder("starloom.submission.group.works")
                .description("Submissions committed by one shared transaction").register(registry);
        this.maxWorks = config.groupCommit().maxWorks();
        this.maxGroups = config.groupCommit().maxGroups();
    }

    /** Runs {@code work} in a transaction shared with whatever else is waiting; the item comes after its commit. */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Pending<>(work, Vertx.currentContext(), emitter));
            drain();
        });
    }

    /** Starts groups while slots are free; a group's end drains again, so no work is left behind. */
    private void drain() {
        while (!waiting.isEmpty()) {
            int running = groups.get();
            if (running >= maxGroups) {
                return;
            }
            if (!groups.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending<?>> group = new ArrayList<>();
            for (Pending<?> next; group.size() < maxWorks && (next = waiting.poll()) != null;) {
                group.add(next);
            }
            if (group.isEmpty()) {
                groups.decrementAndGet();
            } else {
                commit(group);
            }
        }
    }

    private void commit(List<Pending<?>> group) {
        groupSizes.record(group.size());
        sessions.run(() -> Panache.withTransaction(() -> Multi.createFrom().iterable(group)
                .onItem().transformToUniAndConcatenate(Pending::attempt).collect().asList()).invoke(directSends::sendCommitted))
                .subscribe().with(outcomes -> {
                    groupDone();
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).answer(outcomes.get(i));
                    }
                }, failure -> {
                    groupDone();
                    if (group.size() == 1) {
                        group.get(0).answer(Outcome.failed(failure));
                        return;
                    }
                    for (Pending<?> alone : group) {
                        sessions.run(() -> Panache.withTransaction(alone::attempt).invoke(directSends::sendCommitted)).subscribe().with(alone::answer,
                                again -> alone.answer(Outcome.failed(again)));
                    }
                });
    }

    private void groupDone() {
        groups.decrementAndGet();
        drain();
    }

    /** Whether a failure may have come from the database, which aborts the transaction it happened in. */
    static boolean fromDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HibernateException || cause instanceof PersistenceException || cause instanceof DatabaseException) {
                return true;
            }
        }
        return false;
    }

    /** A work's item, or its own failure. */
    private record Outcome(Object item, Throwable failure) {
        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure);
        }
    }

    private record Pending<T>(Supplier<Uni<T>> work, Context caller, UniEmitter<? super T> emitter) {
        /** Runs the work in the current transaction; a failure from the database fails the whole group. */
        Uni<Outcome> attempt() {
            return Uni.createFrom().<T>deferred(work::get).map(item -> new Outcome(item, null))
                    .onFailure(failure -> !fromDatabase(failure)).recoverWithItem(Outcome::failed);
        }

        @SuppressWarnings("unchecked")
        void answer(Outcome outcome) {
            Runnable deliver = () -> {
                if (outcome.failure() != null) {
                    emitter.fail(outcome.failure());
                } else {
                    emitter.complete((T) outcome.item());
                }
            };
            if (caller == null) {
                deliver.run();
            } else {
                caller.runOnContext(ignored -> deliver.run());
            }
        }
    }
}
