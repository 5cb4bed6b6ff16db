package io.starloom.worker.backend.dashscope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.vertx.mutiny.core.Vertx;

/** Registers the dashscope backend under its name; only built when a worker is configured to run it. */
public class DashScopeBackendProducer {

    @Produces
    @ApplicationScoped
    @Identifier(DashScopeBackend.NAME)
    VideoBackend dashscope(DashScopeConfig config, Vertx vertx) {
        return new DashScopeBackend(new RemoteHttp(vertx, DashScopeBackend.NAME, config.remote()), config);
    }
}
