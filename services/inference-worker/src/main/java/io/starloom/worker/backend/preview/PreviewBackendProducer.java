package io.starloom.worker.backend.preview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.EncoderSettings;

/** Registers the preview backend under its name; only built when a worker is configured to run it. */
public class PreviewBackendProducer {

    @Produces
    @ApplicationScoped
    @Identifier(PreviewBackend.NAME)
    VideoBackend preview(PreviewConfig config) {
        return new PreviewBackend(ConstellationCatalog.load(), new EncoderSettings(config.preset(), config.crf()));
    }
}
