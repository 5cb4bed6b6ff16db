package io.starloom.worker.backend.sim;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the load-test backend. */
@ConfigMapping(prefix = "starloom.worker.sim")
public interface SimConfig {
    /** How long a simulated shot takes, as a GPU would. */
    @WithDefault("2s")
    Duration renderTime();
}
