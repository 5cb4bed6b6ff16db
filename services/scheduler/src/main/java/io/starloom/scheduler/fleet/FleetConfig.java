package io.starloom.scheduler.fleet;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.proto.v1.Priority;

/**
 * How the scheduler shares the GPU fleet (starloom.fleet.*): leases, retries, starvation, and per-tenant
 * weights, quotas and entitlements ({@code defaults} for every tenant, {@code tenants."name"} to override).
 */
@ConfigMapping(prefix = "starloom.fleet")
public interface FleetConfig {
    /** A rendering attempt keeps its shot this long after the worker's last ShotStarted or ShotProgress. */
    @WithDefault("60s")
    Duration leaseDuration();

    /** How often workers renew their lease (sent with each command); a third of the lease leaves two misses. */
    @WithDefault("20s")
    Duration leaseRenewInterval();

    /** A dispatched attempt that no worker started within this is given up and the shot queued again. */
    @WithDefault("120s")
    Duration startTimeout();

    /** Expired leases are looked for this often (on every replica; each shot is re-queued once). */
    @WithDefault("2s")
    Duration sweepInterval();

    /** Queued shots are dispatched after every commit and also this often, e.g. after another replica's commit. */
    @WithDefault("1s")
    Duration dispatchInterval();

    /** Wait before a retry of attempt n: this × 2^(n-2), at most {@link #maxRetryBackoff()}. */
    @WithDefault("2s")
    Duration retryBackoff();

    @WithDefault("60s")
    Duration maxRetryBackoff();

    /**
     * A dispatched command is sent by the transaction that wrote it, right after its commit; the outbox relay
     * sends it only this long after, in case that replica died in between (then the GPU waits this long).
     */
    @WithDefault("10s")
    Duration directSendHold();

    /** Each full period a shot waits raises it one priority class, so batch work is never starved. */
    @WithDefault("10m")
    Duration starvationAge();

    /**
     * Shots of a profile in flight at once while no worker has ever announced the profile (a deployment that
     * does not require served profiles, the scheduler's own tests). Unset: none until a worker announces it.
     */
    OptionalInt capacityWithoutWorkers();

    /**
     * How long one ordering of a profile's line answers queue positions and ETAs (GetStory, WatchStory, SSE) on
     * a replica; its own dispatches refresh it sooner.
     */
    @WithDefault("1s")
    Duration positionsRefresh();

    TenantDefaults defaults();

    /** Per-tenant overrides by tenant name; what a tenant leaves out comes from {@link #defaults()}. */
    Map<String, Tenant> tenants();

    /** What every tenant gets. */
    interface TenantDefaults {
        /** Share of the GPUs relative to other tenants of the same priority class. */
        @WithDefault("1")
        double weight();

        /** Most shots of the tenant rendering at once (the rest wait their turn). Unset: no limit. */
        OptionalInt maxConcurrentShots();

        /** GPU-seconds a tenant may render per UTC day; a submission after that is refused (429). Unset: no limit. */
        OptionalDouble gpuSecondsPerDay();

        /** The highest priority class a tenant may ask for. */
        @WithDefault("PRIORITY_STANDARD")
        Priority maxPriority();
    }

    /** One tenant's overrides. */
    interface Tenant {
        OptionalDouble weight();

        OptionalInt maxConcurrentShots();

        OptionalDouble gpuSecondsPerDay();

        Optional<Priority> maxPriority();
    }
}
