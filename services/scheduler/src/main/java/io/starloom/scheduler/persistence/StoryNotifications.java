package io.starloom.scheduler.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
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
 * delay an update: watchers also re-read now and then. Announcements made while one is on its way to the
 * database go together in the next notification ("replica id id …"), so a burst of submissions costs a few
 * round trips rather than one each.
 */
@ApplicationScoped
public class StoryNotifications {
    private static final Logger LOG = Logger.getLogger(StoryNotifications.class);
    private static final String CHANNEL = "starloom_story_changes";
    private static final long RECONNECT_MILLIS = 1000;
    /** Story ids per notification: 37 bytes each, well inside PostgreSQL's 8000-byte payload limit. */
    private static final int IDS_PER_NOTIFICATION = 150;

    /** Tells this replica's notifications from the others'. */
    private final String replica = UUID.randomUUID().toString();
    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();
    private final Vertx vertx;
    private final Pool pool;
    private final String url;
    private final String user;
    private final String password;
    private final Queue<UUID> unannounced = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean notifying = new AtomicBoolean();
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
    public void announce(UUID storyId) {
        changes.onNext(storyId);
        unannounced.add(storyId);
        notifyPending();
    }

    /** One notification at a time; whatever was announced meanwhile goes in the next. */
    private void notifyPending() {
        if (unannounced.isEmpty() || !notifying.compareAndSet(false, true)) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (UUID id; ids.size() < IDS_PER_NOTIFICATION && (id = unannounced.poll()) != null;) {
            ids.add(id.toString());
        }
        pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, replica + " " + String.join(" ", ids)))
                .subscribe().with(ignored -> notified(), failure -> {
                    LOG.debugf("%d story changes: other replicas not told: %s", ids.size(), failure.getMessage());
                    notified();
                });
    }

    private void notified() {
        notifying.set(false);
        notifyPending();
    }

    public Multi<UUID> changes() {
        return changes;
    }

    private void heard(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length < 2 || parts[0].equals(replica)) {
            return;
        }
        for (int i = 1; i < parts.length; i++) {
            try {
                changes.onNext(UUID.fromString(parts[i]));
            } catch (IllegalArgumentException e) {
                LOG.debugf("unreadable story change notification ignored: %s", payload);
            }
        }
    }
}
