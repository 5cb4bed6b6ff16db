package io.starloom.worker.backend;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.starloom.worker.config.WorkerConfig;

/** The one backend this worker runs, by configuration. */
public class BackendProducer {

    @Produces
    @ApplicationScoped
    VideoBackend backend(WorkerConfig config) {
        return switch (config.worker().backend()) {
            case "preview" -> new PreviewBackend(ConstellationCatalog.load(), config.worker().preview().preset());
            case "sim" -> new SimBackend(config.worker().sim().renderTime());
            default -> throw new IllegalStateException("unknown starloom.worker.backend '" + config.worker().backend()
                    + "'; one of preview, sim");
        };
    }
}
