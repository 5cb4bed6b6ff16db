package io.starloom.scheduler.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Tells watchers (gRPC WatchStory, SSE) that a story changed, after the change is committed. In-process:
 * with several scheduler replicas this becomes PostgreSQL LISTEN/NOTIFY behind the same two methods.
 */
@ApplicationScoped
public class StoryChanges {
    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();

    public void changed(UUID storyId) {
        changes.onNext(storyId);
    }

    public Multi<UUID> of(UUID storyId) {
        return changes.filter(storyId::equals);
    }
}
