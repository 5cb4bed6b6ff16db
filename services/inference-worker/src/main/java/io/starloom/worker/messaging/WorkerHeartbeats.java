package io.starloom.worker.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.messaging.BrokerLink;
import io.starloom.mesh.support.messaging.MeshSource;
import io.starloom.mesh.v1.WorkerHeartbeat;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.config.WorkerConfig;
import io.starloom.worker.config.WorkerIdentity;
import io.starloom.worker.profile.WorkerProfile;
import io.vertx.core.Vertx;

/**
 * Tells the scheduler, at start and then every {@code starloom.worker.heartbeat-interval}, that this worker is
 * alive and which model profile it serves, with everything the scheduler plans with (format, frames, first
 * frame, audio, typical time, price). The scheduler accepts stories only for profiles served now.
 */
@ApplicationScoped
public class WorkerHeartbeats {
    private static final Logger LOG = Logger.getLogger(WorkerHeartbeats.class);

    /** Heartbeats older than a minute are of no use to the scheduler: the broker drops them. */
    private static final long TIME_TO_LIVE_MILLIS = 60_000;

    private final BrokerLink broker;
    private final Vertx vertx;
    private final WorkerHeartbeat.Builder heartbeat;
    private final long intervalMillis;
    private final String workerId;
    private long timer = -1;
    private volatile boolean failing;

    public WorkerHeartbeats(BrokerLink broker, Vertx vertx, WorkerConfig config,
            WorkerIdentity identity, VideoBackend backend, WorkerProfile profile) {
        this.broker = broker;
        this.vertx = vertx;
        this.intervalMillis = Math.max(100, config.worker().heartbeatInterval().toMillis());
        this.workerId = identity.id();
        this.heartbeat = WorkerHeartbeat.newBuilder().setWorkerId(identity.id()).setBackend(backend.name())
                .addProfiles(profile.spec().toProto()).setInterval(Durations.fromMillis(intervalMillis));
    }

    void start(@Observes StartupEvent event) {
        send();
        timer = vertx.setPeriodic(intervalMillis, ignored -> send());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void send() {
        Instant now = Instant.now();
        WorkerHeartbeat beat = heartbeat.clone().setSendTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        broker.send(BrokerLink.envelope(Queues.SCHEDULER_WORKERS,
                ProtoEnvelope.wrap(UUID.randomUUID().toString(), MeshSource.of(ShotEvents.SERVICE), workerId, beat))
                .ttl(TIME_TO_LIVE_MILLIS).build())
                .subscribe().with(ok -> {
                    if (failing) {
                        LOG.info("heartbeats reach the broker again");
                    }
                    failing = false;
                }, failure -> {
                    if (!failing) {
                        LOG.warnf("heartbeat not accepted by the broker (%s); retrying every %d ms", failure.getMessage(), intervalMillis);
                    }
                    failing = true;
                });
    }
}
