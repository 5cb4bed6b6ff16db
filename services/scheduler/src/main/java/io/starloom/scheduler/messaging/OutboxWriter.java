package io.starloom.scheduler.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.Message;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.persistence.OutboxEntity;

/** Adds a stage's command to the outbox inside the caller's transaction; the relay sends it after commit. */
@ApplicationScoped
public class OutboxWriter {
    /** Set on the transaction's (duplicated) context when it wrote a row for the relay, not for a direct send. */
    private static final String FOR_RELAY = OutboxWriter.class.getName() + ".forRelay";

    /**
     * After a commit, on its context: whether it may have written rows for the relay (and forgets it). A transaction
     * that only dispatched shots, which it sends itself, needs no relay pass; off a duplicated context this cannot be
     * known, so the answer is yes.
     */
    public boolean takeWrittenForRelay() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return true;
        }
        boolean written = ContextLocals.<Boolean>get(FOR_RELAY).orElse(false);
        if (written) {
            ContextLocals.remove(FOR_RELAY);
        }
        return written;
    }

    /** @throws IllegalArgumentException when {@code command} is not the command {@code stage} takes */
    public Uni<Void> add(Stage stage, UUID storyId, Message command) {
        return add(stage, storyId, command, stage.queue());
    }

    /** To another queue than the stage's own, e.g. the generation queue of the story's model profile. */
    public Uni<Void> add(Stage stage, UUID storyId, Message command, String destination) {
        checkCommand(stage, command);
        return add(destination, storyId, command);
    }

    private static void checkCommand(Stage stage, Message command) {
        if (!command.getDescriptorForType().equals(stage.command())) {
            throw new IllegalArgumentException("stage " + stage + " takes a " + stage.command().getFullName() + ", not a "
                    + command.getDescriptorForType().getFullName());
        }
    }

    /** A command a stage sends besides its own kind, e.g. generation's frame screening, to {@code queue}. */
    public Uni<Void> add(String queue, UUID storyId, Message command) {
        return add(queue, storyId, command, TraceContext.currentTraceparent().orElse(null));
    }

    /**
     * Sent in {@code traceparent}'s trace rather than the current one: for commands written away from the
     * story's own processing (the fleet dispatcher runs when a worker frees up, in no story's trace).
     */
    public Uni<Void> add(Stage stage, UUID storyId, Message command, String destination, String traceparent) {
        checkCommand(stage, command);
        return add(destination, storyId, command, traceparent);
    }

    /**
     * Like {@link #add(Stage, UUID, Message, String, String)}, for the caller to send itself right after commit
     * ({@link DirectSends}): the relay leaves the row alone until {@code relayAfter}, its fallback after a crash.
     */
    public Uni<OutboxEntity> addForDirectSend(Stage stage, UUID storyId, Message command, String destination, String traceparent,
            Instant relayAfter) {
        checkCommand(stage, command);
        OutboxEntity row = row(destination, storyId, command, traceparent);
        row.relayAfter = relayAfter;
        return row.persist().replaceWith(row);
    }

    private Uni<Void> add(String queue, UUID storyId, Message command, String traceparent) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(FOR_RELAY, true);
        }
        return row(queue, storyId, command, traceparent).persist().replaceWithVoid();
    }

    private static OutboxEntity row(String queue, UUID storyId, Message command, String traceparent) {
        OutboxEntity row = new OutboxEntity();
        row.id = UUID.randomUUID();
        row.destination = queue;
        row.type = command.getDescriptorForType().getFullName();
        row.storyId = storyId;
        row.payload = command.toByteArray();
        row.createdAt = Instant.now();
        row.traceparent = traceparent;
        return row;
    }
}
