package io.starloom.scheduler.limits;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-tenant request budgets: one token bucket per tenant for submissions and one for every API call,
 * each holding {@code capacity} calls (the burst) and refilled by {@code capacity} every {@code period}.
 */
@ConfigMapping(prefix = "starloom.limits")
public interface RateLimitConfig {
    /** Story submissions per tenant and period. */
    @WithDefault("20")
    long submissionCapacity();

    @WithDefault("1M")
    Duration submissionPeriod();

    /** API calls of any kind (reads, streams, downloads, cancels, submissions) per tenant and period. */
    @WithDefault("600")
    long callCapacity();

    @WithDefault("1M")
    Duration callPeriod();

    /** Tenants whose buckets are kept; the least recently used beyond it start afresh. */
    @WithDefault("10000")
    int maxTenants();
}
