package io.starloom.worker.backend.remote;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How a remote backend talks to its server: timeouts, retries with backoff, and how often it polls a task. */
public interface RemoteSettings {
    /** Opening a TCP connection to the server. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Waiting for one answer (a download included). */
    @WithDefault("120s")
    Duration requestTimeout();

    /** Retries of one call after a transient failure (5xx, 429, timeout, connection refused). */
    @WithDefault("4")
    int retries();

    /** First pause before a retry; doubled on each further one, with ±20% jitter. */
    @WithDefault("1s")
    Duration backoff();

    /** Longest pause before a retry. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** First pause between two polls of a task; doubled every three polls. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Longest pause between two polls. */
    @WithDefault("10s")
    Duration maxPollInterval();

    /** A task still not done after this is stopped and the attempt fails as retryable. */
    @WithDefault("2h")
    Duration shotTimeout();
}
