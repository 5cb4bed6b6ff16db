package io.starloom.scheduler.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The media store is used off the event loop, and what it answers comes back on the caller's Vert.x context. */
class MediaAccessTest {
    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path root;

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theStoreIsReadOnAWorkerThreadAndTheItemReturnsToTheCallersContext() throws Exception {
        MediaAccess access = new MediaAccess(new FileSystemMediaStore(root));
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Boolean> storeOnEventLoop = new CompletableFuture<>();
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();

        caller.runOnContext(ignored -> access.blocking(store -> {
            storeOnEventLoop.complete(Context.isOnEventLoopThread());
            return store.exists(store.uriOf(MediaKey.film("s1", "film.mp4")));
        }).subscribe().with(exists -> answeredOn.complete(Vertx.currentContext()), answeredOn::completeExceptionally));

        assertThat(storeOnEventLoop.get(10, TimeUnit.SECONDS)).as("the store was called on an event loop").isFalse();
        assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(caller);
    }

    @Test
    void aFailureOfTheStoreAlsoReturnsToTheCallersContext() throws Exception {
        MediaAccess access = new MediaAccess(new FileSystemMediaStore(root));
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Context> failedOn = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        caller.runOnContext(ignored -> access.blocking((MediaStore store) -> store.localFile(store.uriOf(MediaKey.film("s1", "film.mp4"))))
                .subscribe().with(path -> failure.complete(null), e -> {
                    failedOn.complete(Vertx.currentContext());
                    failure.complete(e);
                }));

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(MediaNotFoundException.class);
        assertThat(failedOn.get(10, TimeUnit.SECONDS)).isSameAs(caller);
    }
}
