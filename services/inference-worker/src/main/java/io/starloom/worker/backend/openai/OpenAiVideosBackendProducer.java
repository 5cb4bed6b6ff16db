package io.starloom.worker.backend.openai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.starloom.worker.backend.FirstFrames;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.vertx.mutiny.core.Vertx;

/** Registers the openai-videos backend under its name; only built when a worker is configured to run it. */
public class OpenAiVideosBackendProducer {

    @Produces
    @ApplicationScoped
    @Identifier(OpenAiVideosBackend.NAME)
    VideoBackend openAiVideos(OpenAiVideosConfig config, Vertx vertx, FirstFrames firstFrames) {
        return new OpenAiVideosBackend(new RemoteHttp(vertx, OpenAiVideosBackend.NAME, config.remote()), config, firstFrames);
    }
}
