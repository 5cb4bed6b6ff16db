package io.starloom.worker.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.google.protobuf.Timestamp;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.support.messaging.MeshSource;
import io.starloom.mesh.v1.StoryEvent;

/** Reports to the scheduler on {@code starloom.scheduler.events}. */
@ApplicationScoped
public class StoryEventPublisher {
    private static final String SOURCE = MeshSource.of(ShotEvents.SERVICE);

    private final MutinyEmitter<byte[]> emitter;

    private final ShotTrace trace;

    public StoryEventPublisher(@Channel(Queues.SCHEDULER_EVENTS) MutinyEmitter<byte[]> emitter, ShotTrace trace) {
        this.emitter = emitter;
        this.trace = trace;
    }

    /** Sends {@code event} about {@code storyId}; the Uni completes once the broker has accepted it. */
    public Uni<Void> publish(String storyId, StoryEvent.Builder event) {
        Instant now = Instant.now();
        StoryEvent built = event.setStoryId(storyId)
                .setOccurTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        // In the trace of the command the shot came with (its traceparent), like every stage's events.
        return emitter.sendMessage(TraceContext.carry(ProtoEnvelope.wrap(UUID.randomUUID().toString(), SOURCE, storyId, built), trace.inHand()));
    }
}
