package io.starloom.scheduler.fleet;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Timestamps;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Failures;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.application.StageRouter;
import io.starloom.scheduler.persistence.IsolatedSessions;

/**
 * Takes shots back from attempts whose lease ran out (the worker died, stalled, or never started it): each
 * such attempt is reported to the story as a retryable failure, so the generation stage's own rules apply —
 * another attempt after a backoff while attempts remain, the story failed after the last. Runs on every
 * replica; the story row lock and the attempt check make a second report of the same attempt a no-op, and a
 * late result of the superseded attempt is ignored like any stale event.
 */
@ApplicationScoped
public class LeaseSweeper {
    private static final Logger LOG = Logger.getLogger(LeaseSweeper.class);
    /** The reason a lost attempt fails with (domain scheduler). */
    public static final String LEASE_EXPIRED = "LEASE_EXPIRED";
    private static final int BATCH = 200;
    private static final String EXPIRED = "SELECT CAST(s.story_id AS text), s.shot_index, s.attempt, s.state FROM shot s"
            + " JOIN story st ON st.id = s.story_id WHERE s.state IN ('DISPATCHED', 'RUNNING') AND s.lease_expires_at < now()"
            + " AND st.state NOT IN " + FleetQueries.FINAL_STATES + " ORDER BY s.lease_expires_at LIMIT " + BATCH;

    private final StageRouter router;
    private final IsolatedSessions sessions;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /**
     * No lease is taken back before one lease period after this replica started: if every replica was down, the
     * workers' renewals of that time wait in the broker, and a sweep at start would take every rendering shot away.
     */
    private final Instant firstExpiry;

    public LeaseSweeper(StageRouter router, IsolatedSessions sessions, FleetConfig fleet) {
        this.router = router;
        this.sessions = sessions;
        this.firstExpiry = Instant.now().plus(fleet.leaseDuration());
    }

    @Scheduled(every = "${starloom.fleet.sweep-interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        if (Instant.now().isBefore(firstExpiry) || !sweeping.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return sessions.run(this::expireAll).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("lease sweep will be retried: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .eventually(() -> sweeping.set(false));
    }

    /** Reports every expired attempt found now; the number reported. */
    public Uni<Integer> expireAll() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(EXPIRED, Object[].class).getResultList()))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row -> {
                    UUID story = UUID.fromString((String) row[0]);
                    int index = ((Number) row[1]).intValue();
                    int attempt = ((Number) row[2]).intValue();
                    LOG.infof("story %s shot %d attempt %d lost its lease (%s): queued again if attempts remain", story, index, attempt, row[3]);
                    return sessions.run(() -> router.handle(story, expired(story, index, attempt, (String) row[3])));
                }).collect().asList().map(java.util.List::size));
    }

    private static StoryEvent expired(UUID story, int index, int attempt, String state) {
        String message = "DISPATCHED".equals(state) ? "no worker started the attempt in time"
                : "the worker stopped renewing the attempt's lease (it died or stalled)";
        return StoryEvent.newBuilder().setStoryId(story.toString()).setOccurTime(Timestamps.fromMillis(Instant.now().toEpochMilli()))
                .setShotFailed(ShotFailed.newBuilder().setShotIndex(index).setAttempt(attempt).setRetryable(true)
                        .setKind(ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE)
                        .setFailure(Failures.of("scheduler", LEASE_EXPIRED, message)))
                .build();
    }
}
