package io.starloom.worker.backend;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.starloom.worker.backend.preview.ConstellationCatalog;
import io.starloom.worker.backend.preview.PreviewBackend;
import io.starloom.worker.config.WorkerConfig;
import io.starloom.worker.media.EncoderSettings;

/** The one backend this worker runs, by configuration. */
public class BackendProducer {

    @Produces
    @ApplicationScoped
    VideoBackend backend(WorkerConfig config) {
        WorkerConfig.Worker worker = config.worker();
        return switch (worker.backend()) {
            case PREVIEW -> new PreviewBackend(ConstellationCatalog.load(),
                    new EncoderSettings(worker.preview().preset(), worker.preview().crf()));
            case SIM -> new SimBackend(worker.sim().renderTime());
        };
    }
}
