package io.starloom.scheduler.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * live workers an expected time for its last shot. Runs in the caller's session.
 */
@ApplicationScoped
public class QueuePositions {
    /** Reads no further down a queue than this; a story further back is given this position. */
    private static final int MAX_READ = 10_000;

    private final FleetConfig config;
    private final TenantPolicies policies;
    private final ServedProfiles profiles;
    private final FairShare fairShare;

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
        return Panache.getSession().chain(session -> FleetQueries.capacity(session, story.profile, config.capacityWithoutWorkers())
                .chain(workers -> FleetQueries.running(session, story.profile)
                        .chain(running -> profiles.plan(story.profile).chain(spec -> {
                            double perShot = spec.getTypicalShotSeconds();
                            Instant now = Instant.now();
                            if (!waiting) {
                                return Uni.createFrom().item(withEta(view, 0, runningEta(shots, perShot, now)));
                            }
                            return FleetQueries.waiting(session, story.profile, MAX_READ, false).chain(queue -> FleetQueries
                                    .shares(session, story.profile).map(shares -> {
                                        FairShare.Plan order = fairShare.pick(queue.size(), queue, shares.virtualSeconds(), shares.clock(),
                                                tenant -> new FairShare.Share(policies.of(tenant).weight(), Integer.MAX_VALUE), Map.of(),
                                                ShotDispatcher.costSeconds(spec), now);
                                        List<FairShare.Candidate> picks = order.picks();
                                        int first = -1;
                                        int last = -1;
                                        for (int i = 0; i < picks.size(); i++) {
                                            if (picks.get(i).storyId().equals(story.id)) {
                                                first = first < 0 ? i : first;
                                                last = i;
                                            }
                                        }
                                        int position = first < 0 ? MAX_READ : first;
                                        int inFlight = running.values().stream().mapToInt(Integer::intValue).sum();
                                        Instant eta = workers <= 0 || perShot <= 0 || last < 0 ? null
                                                : now.plusMillis((long) (Math.ceil((inFlight + last + 1) / (double) workers) * perShot * 1000));
                                        return withEta(view, position, eta);
                                    }));
                        }))));
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
