package io.starloom.scheduler.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.messaging.OutboxRelay;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Tells watchers (gRPC WatchStory, SSE) that a story changed, after the change is committed. In-process:
 * with several scheduler replicas this becomes PostgreSQL LISTEN/NOTIFY behind the same two methods.
 */
@ApplicationScoped
public class StoryChanges {
    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();
    private final OutboxRelay relay;

    public StoryChanges(OutboxRelay relay) {
        this.relay = relay;
    }

    /** A transition of this story committed: send its outbox rows and tell its watchers. */
    public Uni<Void> committed(UUID storyId) {
        relay.kick();
        changes.onNext(storyId);
        return Uni.createFrom().voidItem();
    }

    public Multi<UUID> of(UUID storyId) {
        return changes.filter(storyId::equals);
    }
}
