package io.starloom.scheduler.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Storyboard previews: how long the scheduler waits for enrichment's gRPC answer. Where enrichment listens is
 * the gRPC client {@code quarkus.grpc.clients.enrichment.*}.
 */
@ConfigMapping(prefix = "starloom.previews")
public interface PreviewConfig {

    /** A preview not answered within this is refused as unavailable (planning takes milliseconds). */
    @WithDefault("5s")
    Duration deadline();
}
