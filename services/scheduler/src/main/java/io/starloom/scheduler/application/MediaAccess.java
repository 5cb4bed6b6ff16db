package io.starloom.scheduler.application;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.starloom.mesh.support.media.MediaStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The scheduler's only way to the media store. Every call may block (an S3 store downloads, a shared directory may be
 * a network disk), so it runs on a worker thread; its item or failure comes back on the caller's Vert.x context,
 * where Hibernate Reactive must stay.
 */
@ApplicationScoped
public class MediaAccess {
    private final MediaStore store;

    public MediaAccess(MediaStore store) {
        this.store = store;
    }

    /** What {@code work} returns or throws, computed on a worker thread. */
    public <T> Uni<T> blocking(Function<MediaStore, T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> done = Uni.createFrom().item(() -> work.apply(store)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? done : done.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
