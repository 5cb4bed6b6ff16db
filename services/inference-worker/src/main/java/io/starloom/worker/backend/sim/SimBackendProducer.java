package io.starloom.worker.backend.sim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.starloom.worker.backend.VideoBackend;

/** Registers the load-test backend under its name; only built when a worker is configured to run it. */
public class SimBackendProducer {

    @Produces
    @ApplicationScoped
    @Identifier(SimBackend.NAME)
    VideoBackend sim(SimConfig config) {
        return new SimBackend(config.renderTime());
    }
}
