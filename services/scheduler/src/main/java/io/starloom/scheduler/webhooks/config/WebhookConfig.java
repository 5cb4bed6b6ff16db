package io.starloom.scheduler.webhooks.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery (docs/operations.md, docs/security.md). */
@ConfigMapping(prefix = "starloom.webhooks")
public interface WebhookConfig {
    /** Also accept http URLs: local development and tests only, never in production. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Address blocks webhooks may reach although the SSRF rules refuse them (private, loopback …), e.g.
     * {@code 127.0.0.1/32} for a receiver on the same machine, or a partner's private network.
     */
    Optional<List<String>> allowedCidrs();

    /**
     * Waits before the 2nd, 3rd … attempt, after the Standard Webhooks suggestion (about 27 hours in all);
     * after the last, the delivery has failed.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each wait is stretched or shrunk at random by up to this fraction. */
    @WithDefault("0.2")
    double jitter();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole exchange, from connecting to the last byte of the answer. */
    @WithDefault("15s")
    Duration requestTimeout();

    /** How often WebhookDispatcher looks for due deliveries (read by its @Scheduled, which runs at most once a second). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries one pass claims. */
    @WithDefault("32")
    int batchSize();

    /** Endpoints one tenant may register. */
    @WithDefault("20")
    int maxEndpointsPerTenant();

    /** How long replaced secrets keep signing when a rotation names no grace period. */
    @WithDefault("24h")
    Duration defaultGracePeriod();

    /**
     * The key signing secrets are sealed with at rest (AES-256-GCM): the base64 of 32 random bytes, from a Secret
     * (STARLOOM_WEBHOOKS_SECRET_KEY), never in git. Required outside dev and test mode, which make one per run.
     */
    Optional<String> secretKey();

    /**
     * Keys a rotation replaced: secrets sealed with them still open, and are re-sealed with {@link #secretKey()}
     * at start; drop a key from here once every replica has started with its successor.
     */
    Optional<List<String>> previousSecretKeys();

    /** Prepended to the film and story paths in the payload, e.g. https://api.example.com; absent: paths only. */
    Optional<String> publicBaseUrl();
}
