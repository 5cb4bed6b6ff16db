package io.starloom.scheduler.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.fleet.ShotDispatcher;
import io.starloom.scheduler.messaging.OutboxRelay;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.StoryNotifications;

/**
 * Tells watchers (gRPC WatchStory, SSE) that a story changed, after the change is committed, on every
 * scheduler replica (PostgreSQL LISTEN/NOTIFY, see {@link StoryNotifications}).
 */
@ApplicationScoped
public class StoryChanges {
    private final OutboxRelay relay;
    private final ShotDispatcher dispatcher;
    private final StoryNotifications notifications;
    private final OutboxWriter outbox;

    public StoryChanges(OutboxRelay relay, ShotDispatcher dispatcher, StoryNotifications notifications, OutboxWriter outbox) {
        this.relay = relay;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.notifications = notifications;
    }

    /**
     * A transition of this story committed: send its outbox rows, dispatch what may go now, tell its watchers. A worker's
     * event that the generation stage settled (its transaction sent the freed GPU's command itself, or freed nothing)
     * costs a relay pass only if it also wrote rows for the relay.
     */
    public Uni<Void> committed(UUID storyId) {
        boolean settled = dispatcher.afterCommit();
        boolean forRelay = outbox.takeWrittenForRelay();
        if (!settled || forRelay) {
            relay.kick();
        }
        announce(storyId);
        return Uni.createFrom().voidItem();
    }

    /**
     * A new story committed: tell its watchers. Its first command left with the commit (GroupCommit). No
     * dispatch run: a story has no shots before enrichment plans them (at a thousand submissions a second, one
     * run each would never stop).
     */
    public Uni<Void> accepted(UUID storyId) {
        announce(storyId);
        return Uni.createFrom().voidItem();
    }

    /** Only tells the story's watchers, e.g. that its shots were dispatched; never waits and never fails. */
    public void announce(UUID storyId) {
        notifications.announce(storyId);
    }

    public Multi<UUID> of(UUID storyId) {
        return notifications.changes().filter(storyId::equals);
    }
}
