package io.starloom.worker.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import com.google.protobuf.Timestamp;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.support.messaging.MeshSource;
import io.starloom.mesh.support.messaging.SchedulerEvents;
import io.starloom.mesh.v1.StoryEvent;

/** Reports to the scheduler on {@code starloom.scheduler.events}. */
@ApplicationScoped
public class StoryEventPublisher {
    private static final String SOURCE = MeshSource.of(ShotEvents.SERVICE);

    private final SchedulerEvents events;

    private final ShotTrace trace;

    public StoryEventPublisher(SchedulerEvents events, ShotTrace trace) {
        this.events = events;
        this.trace = trace;
    }

    /** Sends {@code event} about {@code storyId}; the Uni completes once the broker has accepted it. */
    public Uni<Void> publish(String storyId, StoryEvent.Builder event) {
        Instant now = Instant.now();
        StoryEvent built = event.setStoryId(storyId)
                .setOccurTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        // In the trace of the command the shot came with (its traceparent), like every stage's events.
        return events.send(TraceContext.carry(ProtoEnvelope.wrap(UUID.randomUUID().toString(), SOURCE, storyId, built), trace.inHand()));
    }
}
