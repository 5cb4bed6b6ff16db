package io.starloom.worker.backend.lightx2v;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.starloom.worker.backend.FirstFrames;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.vertx.mutiny.core.Vertx;

/** Registers the lightx2v backend under its name; only built when a worker is configured to run it. */
public class LightX2vBackendProducer {

    @Produces
    @ApplicationScoped
    @Identifier(LightX2vBackend.NAME)
    VideoBackend lightx2v(LightX2vConfig config, Vertx vertx, FirstFrames firstFrames) {
        return new LightX2vBackend(new RemoteHttp(vertx, LightX2vBackend.NAME, config.remote()), config, firstFrames);
    }
}
