package io.starloom.scheduler.metrics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the scheduler's pipeline gauges are kept (starloom.metrics.*). */
@ConfigMapping(prefix = "starloom.metrics")
public interface MetricsConfig {
    /**
     * How often the gauges are read again from the database. Every replica reads the same tables, so each
     * reports the whole mesh: dashboards take {@code max} over replicas, never {@code sum}.
     */
    @WithDefault("15s")
    Duration refreshInterval();
}
