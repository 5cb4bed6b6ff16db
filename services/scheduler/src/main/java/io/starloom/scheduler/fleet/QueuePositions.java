package io.starloom.scheduler.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.util.Timestamps;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.Story;
import io.starloom.scheduler.application.ServedProfiles;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Where a story stands in line: its profile's whole queue ordered the way {@link ShotDispatcher} would send it
 * now (same classes, weights and virtual times; concurrency limits left out, they only delay), which gives
 * the shots of other stories ahead of this one's next shot, and with the profile's seconds per shot and the
 * live workers an expected time for its last shot. Ordering a long line is work (up to {@code MAX_READ} rows),
 * so each profile's line is kept as a {@link QueueSnapshot} and shared by every GetStory, WatchStory and SSE
 * answer for {@code starloom.fleet.positions-refresh}; this replica's dispatches drop it at once, and a story
 * not yet in it (queued after it was taken) takes a new one. Runs in the caller's session.
 */
@ApplicationScoped
public class QueuePositions {
    /** Reads no further down a queue than this; a story further back is given this position. */
    private static final int MAX_READ = 10_000;

    private final FleetConfig config;
    private final TenantPolicies policies;
    private final ServedProfiles profiles;
    private final FairShare fairShare;
    private final Map<String, QueueSnapshot> snapshots = new ConcurrentHashMap<>();

    public QueuePositions(FleetConfig config, TenantPolicies policies, ServedProfiles profiles) {
        this.config = config;
        this.policies = policies;
        this.profiles = profiles;
        this.fairShare = new FairShare(config.starvationAge());
    }

    /** The story's view with queue position and ETA added while it is queued or generating. */
    public Uni<Story> of(StoryEntity story, List<ShotEntity> shots, Story view) {
        if (story.state != StoryStatus.QUEUED && story.state != StoryStatus.GENERATING) {
            return Uni.createFrom().item(view);
        }
        boolean waiting = shots.stream().anyMatch(shot -> shot.state == ShotStatus.QUEUED && shot.queuedAt != null);
        if (!waiting) {
            return profiles.plan(story.profile).map(spec -> withEta(view, 0, runningEta(shots, spec.getTypicalShotSeconds(), Instant.now())));
        }
        return snapshot(story.profile, story.id).map(line -> withEta(view, line.position(story.id, MAX_READ), line.eta(story.id)));
    }

    /** This replica changed the profile's line (it dispatched): the next question orders it again. */
    void forget(String profile) {
        snapshots.remove(profile);
    }

    private Uni<QueueSnapshot> snapshot(String profile, UUID story) {
        Instant now = Instant.now();
        QueueSnapshot kept = snapshots.get(profile);
        if (kept != null && kept.takenAt().plus(config.positionsRefresh()).isAfter(now) && (kept.contains(story) || kept.length() >= MAX_READ)) {
            return Uni.createFrom().item(kept);
        }
        return Panache.getSession().chain(session -> FleetQueries.load(session, profile, config.capacityWithoutWorkers())
                .chain(load -> profiles.plan(profile).chain(spec -> FleetQueries.waiting(session, profile, MAX_READ, false)
                        .chain(queue -> FleetQueries.shares(session, profile).map(shares -> {
                            FairShare.Plan order = fairShare.pick(queue.size(), queue, shares.virtualSeconds(), shares.clocks(),
                                    tenant -> new FairShare.Share(policies.of(tenant).weight(), Integer.MAX_VALUE), Map.of(),
                                    ShotDispatcher.costSeconds(spec), now);
                            QueueSnapshot line = QueueSnapshot.of(now, order.picks(), load.busy(), load.capacity(), spec.getTypicalShotSeconds());
                            snapshots.put(profile, line);
                            return line;
                        })))));
    }

    /** Only shots rendering: when the last of them should be done, from when it started. */
    private static Instant runningEta(List<ShotEntity> shots, double perShot, Instant now) {
        if (perShot <= 0) {
            return null;
        }
        return shots.stream().filter(shot -> shot.state == ShotStatus.DISPATCHED || shot.state == ShotStatus.RUNNING)
                .map(shot -> shot.updatedAt.plus(Duration.ofMillis((long) (perShot * 1000))))
                .map(done -> done.isBefore(now) ? now : done).max(Instant::compareTo).orElse(null);
    }

    private static Story withEta(Story view, int position, Instant eta) {
        Story.Builder story = view.toBuilder().setQueuePosition(position);
        if (eta != null) {
            story.setGenerationEta(Timestamps.fromMillis(eta.toEpochMilli()));
        }
        return story.build();
    }
}
