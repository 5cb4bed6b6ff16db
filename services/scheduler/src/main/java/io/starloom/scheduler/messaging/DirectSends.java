package io.starloom.scheduler.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;

/**
 * Outbox rows that the transaction which wrote them sends itself, right after its commit, instead of leaving
 * them to an {@link OutboxRelay} transaction: a freed GPU's next command then reaches the broker one database
 * transaction sooner. The rows are remembered on the transaction's own (duplicated) Vert.x context, so only
 * the code that committed them sends them. The row is written with a {@code relay_after} the relay waits for,
 * so the two never both send it while its writer lives; a writer that died between commit and send leaves it
 * to the relay after that time. Once the broker accepted it, it is marked published only if nobody did.
 */
@ApplicationScoped
public class DirectSends {
    private static final Logger LOG = Logger.getLogger(DirectSends.class);
    private static final String PENDING = DirectSends.class.getName() + ".pending";
    private static final String MARK_SENT = "UPDATE outbox SET published_at = now() WHERE id IN (:ids) AND published_at IS NULL";

    private final CommandSender commands;
    private final IsolatedSessions sessions;

    public DirectSends(CommandSender commands, IsolatedSessions sessions) {
        this.commands = commands;
        this.sessions = sessions;
    }

    /** Inside the transaction that wrote {@code row}: send it once that transaction has committed. */
    public void afterCommit(OutboxEntity row) {
        if (!VertxContext.isOnDuplicatedContext()) {
            throw new IllegalStateException("a direct send needs the transaction's own Vert.x context");
        }
        ContextLocals.<List<OutboxEntity>>get(PENDING).orElseGet(() -> {
            List<OutboxEntity> rows = new ArrayList<>();
            ContextLocals.put(PENDING, rows);
            return rows;
        }).add(row);
    }

    /**
     * Right after the commit, on the same context: sends what it wrote for direct sending, without waiting.
     * A failed send is left to the relay. Returns the stories of the rows.
     */
    public List<UUID> sendCommitted() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return List.of();
        }
        List<OutboxEntity> rows = ContextLocals.<List<OutboxEntity>>get(PENDING).orElse(List.of());
        ContextLocals.remove(PENDING);
        if (rows.isEmpty()) {
            return List.of();
        }
        Multi.createFrom().iterable(rows).onItem().transformToUniAndMerge(row -> commands.send(row).replaceWith(row.id)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("outbox row %s to %s not sent directly, left for the relay: %s", row.id, row.destination, failure.getMessage());
                    return null;
                }))
                .filter(id -> id != null).collect().asList()
                .chain(this::markSent)
                .subscribe().with(marked -> LOG.debugf("sent %d commands directly", marked),
                        failure -> LOG.warnf("direct sends not marked published, the relay may send them again: %s", failure.getMessage()));
        return rows.stream().map(row -> row.storyId).toList();
    }

    private Uni<Integer> markSent(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return sessions.run(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK_SENT).setParameter("ids", ids).executeUpdate())));
    }
}
