package io.starloom.mesh.support.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Where a stage sends its events: in a service {@link SchedulerEvents}.
 * The Uni completes once the broker has accepted the message, and fails when it has not.
 */
@FunctionalInterface
public interface EventSender {
    Uni<Void> send(Message<byte[]> event);
}
