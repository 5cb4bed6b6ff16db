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

    /**
     * A preview not answered within this is refused as unavailable. Planning takes milliseconds once warm; the
     * first call to a freshly started enrichment (JIT, key fetch) took over 5 s on a loaded 2-core machine.
     */
    @WithDefault("10s")
    Duration deadline();
}
