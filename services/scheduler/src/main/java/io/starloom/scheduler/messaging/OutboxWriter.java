package io.starloom.scheduler.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.Message;

import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.persistence.OutboxEntity;

/** Adds a command to the outbox inside the caller's transaction; the relay sends it after commit. */
@ApplicationScoped
public class OutboxWriter {

    public Uni<Void> add(String destination, UUID storyId, Message command) {
        OutboxEntity row = new OutboxEntity();
        row.id = UUID.randomUUID();
        row.destination = destination;
        row.type = command.getDescriptorForType().getFullName();
        row.storyId = storyId;
        row.payload = command.toByteArray();
        row.createdAt = Instant.now();
        return row.persist().replaceWithVoid();
    }
}
