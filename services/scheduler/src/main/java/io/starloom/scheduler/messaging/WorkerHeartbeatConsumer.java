package io.starloom.scheduler.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.v1.WorkerHeartbeat;
import io.starloom.scheduler.application.ServedProfiles;

/** Keeps the record of which model profiles the running workers serve, from their heartbeats. */
@ApplicationScoped
public class WorkerHeartbeatConsumer {
    private static final Logger LOG = Logger.getLogger(WorkerHeartbeatConsumer.class);

    private final ServedProfiles profiles;

    public WorkerHeartbeatConsumer(ServedProfiles profiles) {
        this.profiles = profiles;
    }

    @Incoming(Queues.SCHEDULER_WORKERS)
    public Uni<Void> consume(Message<byte[]> message) {
        WorkerHeartbeat heartbeat;
        try {
            heartbeat = ProtoEnvelope.open(message, WorkerHeartbeat.getDefaultInstance());
        } catch (MalformedMessageException e) {
            // Dead-lettered after the broker's last delivery; it names no story, so no story fails for it.
            LOG.warnf("unreadable worker heartbeat: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return Panache.withTransaction(() -> profiles.heard(heartbeat))
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
