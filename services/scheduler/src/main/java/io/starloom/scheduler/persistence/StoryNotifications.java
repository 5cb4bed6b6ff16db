package io.starloom.scheduler.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Story changes across scheduler replicas, over PostgreSQL LISTEN/NOTIFY: every replica announces the
 * stories it changed on one channel and hears what the others changed, so a watcher (WatchStory, SSE) gets
 * its updates on whichever replica it reached. A replica's own announcements are delivered to it directly
 * rather than through the database. Notifications missed while the listening connection reconnects only
 * delay an update: watchers also re-read now and then.
 */
@ApplicationScoped
public class StoryNotifications {
    private static final Logger LOG = Logger.getLogger(StoryNotifications.class);
    private static final String CHANNEL = "starloom_story_changes";
    private static final long RECONNECT_MILLIS = 1000;

    /** Tells this replica's notifications from the others'. */
    private final String replica = UUID.randomUUID().toString();
    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();
    private final Vertx vertx;
    private final Pool pool;
    private final String url;
    private final String user;
    private final String password;
    private PgSubscriber subscriber;

    public StoryNotifications(Vertx vertx, Pool pool, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.vertx = vertx;
        this.pool = pool;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void listen(@Observes StartupEvent start) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_MILLIS);
        subscriber.channel(CHANNEL).handler(this::heard);
        subscriber.connect().subscribe().with(ignored -> LOG.debugf("listening on %s", CHANNEL),
                failure -> LOG.warnf("story changes of other replicas are not heard (watchers poll): %s", failure.getMessage()));
    }

    void close(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Tells this replica's watchers now and the other replicas through the database; never fails. */
    public Uni<Void> announce(UUID storyId) {
        changes.onNext(storyId);
        return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, replica + " " + storyId))
                .onFailure().invoke(failure -> LOG.debugf("story %s: other replicas not told: %s", storyId, failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Multi<UUID> changes() {
        return changes;
    }

    private void heard(String payload) {
        String[] parts = payload.split(" ", 2);
        if (parts.length == 2 && !parts[0].equals(replica)) {
            try {
                changes.onNext(UUID.fromString(parts[1]));
            } catch (IllegalArgumentException e) {
                LOG.debugf("unreadable story change notification ignored: %s", payload);
            }
        }
    }
}
