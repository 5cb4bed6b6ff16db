package io.starloom.scheduler.persistence;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs database work on a fresh Vert.x context, so it gets its own Hibernate Reactive session instead of
 * touching one that a request, a message handler or a finished transaction left on the current context.
 * Used for work that outlives its trigger: the outbox relay after a commit, and re-reads for watchers.
 */
@ApplicationScoped
public class IsolatedSessions {
    private final Vertx vertx;

    public IsolatedSessions(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
