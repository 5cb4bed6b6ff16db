package io.starloom.scheduler.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.application.FrameScreening;
import io.starloom.scheduler.application.ServedProfiles;
import io.starloom.scheduler.application.StoryChanges;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.messaging.DirectSends;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.SkipLocked;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Sends waiting shots to the GPUs, from the database: for each profile, only as many as its workers have free
 * (live workers announcing the profile minus attempts holding a lease), picked by {@link FairShare}. One
 * transaction per profile under a transaction-scoped advisory lock, so replicas take turns per profile and
 * the fair-share state stays consistent; each picked row is claimed again with FOR UPDATE SKIP LOCKED and
 * only while still QUEUED, so no shot is ever dispatched twice. When a shot's attempt ends, the transaction
 * that records it dispatches the freed GPU's next shot itself ({@link #refill}); otherwise it runs after every
 * commit that may free or queue work, and on a short periodic tick for what other replicas committed. Either
 * way the commands are sent right after their commit ({@link DirectSends}), not by a later relay transaction.
 */
@ApplicationScoped
public class ShotDispatcher {
    private static final Logger LOG = Logger.getLogger(ShotDispatcher.class);
    /** Set on a transaction's context when it dispatched itself or freed nothing: no run needed after its commit. */
    private static final String SETTLED = ShotDispatcher.class.getName() + ".settled";

    /**
     * Waits for the profile's other holder (another story transaction's refill, a run, another replica): each holds it only
     * for its own short dispatch and, whatever it locked first, never waits for a story row or a shot row while holding it
     * (claims skip locked rows, the outbox has no foreign key), so the wait is bounded and no cycle can form.
     */
    private static final String LOCK = "SELECT true FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked";
    private static final String CLAIM = "FROM ShotEntity WHERE storyId = :story AND index = :index AND state = :queued";
    private static final String STORE_SHARE = "INSERT INTO fair_share (profile, tenant, virtual_seconds) VALUES (:profile, :tenant, :seconds)"
            + " ON CONFLICT (profile, tenant) DO UPDATE SET virtual_seconds = EXCLUDED.virtual_seconds";
    private static final String STORE_CLOCK = "INSERT INTO fair_clock (profile, priority_class, virtual_seconds) VALUES (:profile, :class, :seconds)"
            + " ON CONFLICT (profile, priority_class) DO UPDATE SET virtual_seconds = EXCLUDED.virtual_seconds";

    private final FleetConfig config;
    private final TenantPolicies policies;
    private final ServedProfiles profiles;
    private final OutboxWriter outbox;
    private final DirectSends directSends;
    private final IsolatedSessions sessions;
    private final StoryChanges changes;
    private final FairShare fairShare;
    private final QueuePositions positions;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public ShotDispatcher(FleetConfig config, TenantPolicies policies, ServedProfiles profiles, OutboxWriter outbox, DirectSends directSends,
            IsolatedSessions sessions, StoryChanges changes, QueuePositions positions) {
        this.config = config;
        this.policies = policies;
        this.profiles = profiles;
        this.outbox = outbox;
        this.directSends = directSends;
        this.sessions = sessions;
        this.changes = changes;
        this.positions = positions;
        this.fairShare = new FairShare(config.starvationAge());
    }

    /** Dispatches what can go now, without waiting; kicks during a run make it run once more. */
    public void kick() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            runOnce();
        }
    }

    @Scheduled(every = "${starloom.fleet.dispatch-interval:1s}", delayed = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        kick();
    }

    private void runOnce() {
        again.set(false);
        sessions.run(this::dispatchAll).subscribe().with(ignored -> finished(), failure -> {
            LOG.warnf("dispatch will be retried: %s", failure.getMessage());
            finished();
        });
    }

    private void finished() {
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            runOnce();
        }
    }

    /** Every profile with waiting shots, each in its own transaction (which sends nothing while no worker is free). */
    Uni<Void> dispatchAll() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(FleetQueries.PROFILES_WAITING, String.class).getResultList()))
                .chain(waiting -> Multi.createFrom().iterable(waiting)
                        .onItem().transformToUniAndConcatenate(profile -> sessions.run(() -> Panache.withTransaction(() -> dispatch(profile))
                                .invoke(this::sendCommitted)))
                        .collect().asList())
                .replaceWithVoid();
    }

    /**
     * Inside the transaction that ended a shot's attempt of {@code profile} (its GPU is free now): dispatches
     * what may go in that same transaction, so that the freed GPU's next command leaves right after its commit
     * ({@link #afterCommit}). Same lock, claims and fair share as every run; it waits while another transaction
     * holds the profile (the story row is always locked before the profile), so no later run is needed.
     */
    public Uni<Void> refill(String profile) {
        return Panache.getSession().chain(session -> session.flush()).chain(() -> dispatch(profile))
                .invoke(() -> ContextLocals.put(SETTLED, true));
    }

    /**
     * Inside a transaction that neither frees a GPU nor puts a shot in line (a worker saying it started one):
     * no dispatch run after its commit, which would find nothing to send.
     */
    public void nothingFreed() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(SETTLED, true);
        }
    }

    /**
     * Right after a story transaction's commit, on its context: sends what it dispatched, and dispatches in a
     * run of its own unless the transaction already did ({@link #refill}) or freed nothing ({@link #nothingFreed}).
     *
     * @return whether the transaction was settled so
     */
    public boolean afterCommit() {
        boolean settled = VertxContext.isOnDuplicatedContext() && ContextLocals.<Boolean>get(SETTLED).orElse(false);
        if (settled) {
            ContextLocals.remove(SETTLED);
        }
        sendCommitted();
        if (!settled) {
            kick();
        }
        return settled;
    }

    /** The commands are in the outbox: send them, and tell the stories' watchers their shots moved. */
    private void sendCommitted() {
        directSends.sendCommitted().stream().distinct().forEach(changes::announce);
    }

    /** Dispatches up to the free capacity of {@code profile}, in the caller's transaction, under the profile's lock. */
    Uni<Void> dispatch(String profile) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK, Boolean.class)
                .setParameter("key", "starloom.dispatch." + profile).getSingleResult()
                .chain(() -> FleetQueries.load(session, profile, config.capacityWithoutWorkers()))
                .chain(load -> {
                    int free = load.free();
                    if (free <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return FleetQueries.waiting(session, profile, free, true).chain(waiting -> waiting.isEmpty() ? Uni.createFrom().voidItem()
                            : pickAndSend(session, profile, free, waiting, load.running()));
                }));
    }

    private Uni<Void> pickAndSend(Mutiny.Session session, String profile, int free, List<FairShare.Candidate> waiting,
            Map<String, Integer> running) {
        return FleetQueries.shares(session, profile).chain(shares -> profiles.plan(profile).chain(spec -> {
            FairShare.Plan plan = fairShare.pick(free, waiting, shares.virtualSeconds(), shares.clocks(), tenant -> policies.of(tenant).share(),
                    running, costSeconds(spec), Instant.now());
            positions.forget(profile);
            return send(session, plan.picks(), spec).call(() -> store(session, profile, plan, shares));
        }));
    }

    /** What one shot of the profile is charged: its typical seconds, so that tenants share GPU time. */
    static double costSeconds(ModelProfile spec) {
        return spec.getTypicalShotSeconds() > 0 ? spec.getTypicalShotSeconds() : 1;
    }

    private Uni<Void> send(Mutiny.Session session, List<FairShare.Candidate> picks, ModelProfile spec) {
        return Multi.createFrom().iterable(picks).onItem().transformToUniAndConcatenate(pick -> session
                .createSelectionQuery(CLAIM, ShotEntity.class).setParameter("story", pick.storyId()).setParameter("index", pick.shotIndex())
                .setParameter("queued", ShotStatus.QUEUED).setLockMode(SkipLocked.MODE).getResultList().chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                        : StoryEntity.<StoryEntity>findById(pick.storyId()).chain(story -> dispatch(story, claimed.get(0), spec))))
                .collect().asList().replaceWithVoid();
    }

    /**
     * The attempt's command into the outbox, sent right after commit; the shot holds a start lease until a
     * worker says it started.
     */
    private Uni<Void> dispatch(StoryEntity story, ShotEntity shot, ModelProfile profile) {
        Storyboard storyboard = story.storyboard();
        Shot planned = storyboard.getShots(shot.index);
        Instant now = Instant.now();
        shot.attempt++;
        shot.state = ShotStatus.DISPATCHED;
        shot.updatedAt = now;
        shot.notBefore = null;
        shot.leaseExpiresAt = now.plus(config.startTimeout());
        return outbox.addForDirectSend(Stage.GENERATE, story.id, GenerateShotCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setShotIndex(shot.index)
                .setAttempt(shot.attempt)
                .setPrompt(planned.getPrompt())
                .setNegativePrompt(storyboard.getNegativePrompt())
                .setSeed(FrameScreening.seed(planned.getSeed(), shot.regenerations))
                .addAllConstellations(planned.getConstellationsList())
                .setProfile(profile)
                .setLeaseRenewInterval(Durations.fromMillis(config.leaseRenewInterval().toMillis()))
                .build(), Queues.generation(story.profile), story.traceparent, now.plus(config.directSendHold()))
                .invoke(directSends::afterCommit).replaceWithVoid();
    }

    private static Uni<Void> store(Mutiny.Session session, String profile, FairShare.Plan plan, FleetQueries.Shares before) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Map.Entry<Integer, Double> clock : plan.clocks().entrySet()) {
            if (!clock.getValue().equals(before.clocks().get(clock.getKey()))) {
                all = all.call(() -> session.createNativeQuery(STORE_CLOCK).setParameter("profile", profile)
                        .setParameter("class", clock.getKey()).setParameter("seconds", clock.getValue()).executeUpdate());
            }
        }
        for (Map.Entry<String, Double> share : plan.virtualSeconds().entrySet()) {
            if (!share.getValue().equals(before.virtualSeconds().get(share.getKey()))) {
                all = all.call(() -> session.createNativeQuery(STORE_SHARE).setParameter("profile", profile)
                        .setParameter("tenant", share.getKey()).setParameter("seconds", share.getValue()).executeUpdate());
            }
        }
        return all;
    }
}
