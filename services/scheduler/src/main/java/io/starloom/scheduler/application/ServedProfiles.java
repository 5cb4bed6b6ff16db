package io.starloom.scheduler.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.WorkerHeartbeat;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.persistence.WorkerProfileEntity;

/**
 * The model profiles the running workers serve, as their heartbeats say. A profile counts as served while some
 * worker announced it within three of its heartbeat intervals. Stories are accepted only for profiles served
 * now, and planned with the format the workers announced (the configured profiles are the fallback when no
 * worker has ever announced one, e.g. for a deployment that does not require served profiles).
 * Every method runs in the caller's Hibernate Reactive session.
 */
@ApplicationScoped
public class ServedProfiles {
    private static final Logger LOG = Logger.getLogger(ServedProfiles.class);
    private static final int INTERVALS_BEFORE_GONE = 3;
    /** How long {@link #plan} answers from memory: every submission and dispatch asks, announcements change rarely. */
    private static final long PLAN_MEMORY_NANOS = Duration.ofSeconds(1).toNanos();

    private final SchedulerConfig config;
    private final Map<String, Planned> planned = new ConcurrentHashMap<>();

    /** A plan remembered until {@code until} ({@link System#nanoTime()}). */
    private record Planned(ModelProfile spec, long until) {
    }

    public ServedProfiles(SchedulerConfig config) {
        this.config = config;
    }

    /** Records a heartbeat; one older than the last one heard from the same worker changes nothing. */
    public Uni<Void> heard(WorkerHeartbeat heartbeat) {
        Instant sent = Instant.ofEpochMilli(Timestamps.toMillis(heartbeat.getSendTime()));
        // Expiry from the time received, not sent: a worker's clock may be off, the scheduler's is the one that counts.
        Instant expires = Instant.now().plusMillis(INTERVALS_BEFORE_GONE * Math.max(1, Durations.toMillis(heartbeat.getInterval())));
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ModelProfile profile : heartbeat.getProfilesList()) {
            all = all.call(() -> WorkerProfileEntity.<WorkerProfileEntity>findById(new WorkerProfileEntity.Key(heartbeat.getWorkerId(),
                    profile.getName())).chain(found -> {
                        WorkerProfileEntity row = found == null ? new WorkerProfileEntity() : found;
                        if (found != null && found.lastSeen.isAfter(sent)) {
                            return Uni.createFrom().voidItem();
                        }
                        byte[] spec = profile.toByteArray();
                        if (found == null || !Arrays.equals(found.spec, spec)) {
                            // A new or changed announcement is planned with at once here; other replicas within a second.
                            planned.remove(profile.getName());
                        }
                        if (found == null) {
                            LOG.infof("worker %s serves profile %s with backend %s", heartbeat.getWorkerId(), profile.getName(),
                                    heartbeat.getBackend());
                        }
                        row.workerId = heartbeat.getWorkerId();
                        row.profile = profile.getName();
                        row.backend = heartbeat.getBackend();
                        row.spec = spec;
                        row.lastSeen = sent;
                        row.expiresAt = expires;
                        return found == null ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
                    }));
        }
        return all;
    }

    /** Every profile served now, by name. */
    public Uni<Map<String, ModelProfile>> now() {
        return WorkerProfileEntity.<WorkerProfileEntity>list("expiresAt > ?1 order by lastSeen", Instant.now()).map(rows -> {
            Map<String, ModelProfile> served = new TreeMap<>();
            rows.forEach(row -> served.put(row.profile, spec(row)));
            return served;
        });
    }

    /**
     * Checks that a story may be rendered with {@code profile}.
     *
     * @param named whether the caller named the profile (a 400 on field "profile") or it came from the
     *        resolution (a 422 on field "resolution")
     */
    public Uni<Void> require(String profile, boolean named) {
        if (!config.generation().requireServedProfile() && (!named || config.profiles().containsKey(profile))) {
            return Uni.createFrom().voidItem();
        }
        return now().map(served -> {
            if (served.containsKey(profile)) {
                return null;
            }
            String offered = String.join(", ", served.keySet());
            FieldError error = named
                    ? new FieldError("profile", ErrorCode.PROFILE_NOT_SERVED, profile, offered, served.size())
                    : new FieldError("resolution", ErrorCode.RESOLUTION_PROFILE_NOT_SERVED, profile, offered, served.size());
            throw new InvalidRequestException(List.of(error), !named);
        }).replaceWithVoid();
    }

    /** What to plan a story of {@code profile} with: the latest announcement, else the configured profile. */
    public Uni<ModelProfile> plan(String profile) {
        Planned known = planned.get(profile);
        if (known != null && System.nanoTime() - known.until() < 0) {
            return Uni.createFrom().item(known.spec());
        }
        return WorkerProfileEntity.<WorkerProfileEntity>find("profile = ?1 order by lastSeen desc", profile).firstResult().map(row -> {
            if (row != null) {
                ModelProfile spec = spec(row);
                planned.put(profile, new Planned(spec, System.nanoTime() + PLAN_MEMORY_NANOS));
                return spec;
            }
            SchedulerConfig.Profile configured = config.profiles().get(profile);
            if (configured == null) {
                throw new IllegalStateException("no worker ever announced profile " + profile + " and it is not configured");
            }
            return ModelProfile.newBuilder().setName(profile).setFrameCount(configured.frames()).setFormat(VideoFormat.newBuilder()
                    .setWidth(configured.width()).setHeight(configured.height()).setFps(configured.fps())).build();
        });
    }

    private static ModelProfile spec(WorkerProfileEntity row) {
        try {
            return ModelProfile.parseFrom(row.spec);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored profile of worker " + row.workerId + " is unreadable", e);
        }
    }
}
