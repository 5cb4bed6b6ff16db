package io.starloom.scheduler.fleet;

import java.util.OptionalDouble;

import jakarta.enterprise.context.ApplicationScoped;

import io.starloom.proto.v1.Priority;

/** Each tenant's weight, limits and entitlement: its own entry in starloom.fleet.tenants, else the defaults. */
@ApplicationScoped
public class TenantPolicies {
    /** One tenant's terms. */
    public record Policy(double weight, int maxConcurrentShots, OptionalDouble gpuSecondsPerDay, Priority maxPriority) {
        public FairShare.Share share() {
            return new FairShare.Share(weight, maxConcurrentShots);
        }

        /** Whether the tenant may ask for {@code priority} (a lower rank is a higher class). */
        public boolean allows(Priority priority) {
            return FairShare.rank(priority) >= FairShare.rank(maxPriority);
        }
    }

    private final FleetConfig config;

    public TenantPolicies(FleetConfig config) {
        this.config = config;
    }

    public Policy of(String tenant) {
        FleetConfig.TenantDefaults defaults = config.defaults();
        FleetConfig.Tenant own = config.tenants().get(tenant);
        if (own == null) {
            return new Policy(defaults.weight(), defaults.maxConcurrentShots().orElse(Integer.MAX_VALUE), defaults.gpuSecondsPerDay(),
                    defaults.maxPriority());
        }
        return new Policy(own.weight().orElse(defaults.weight()),
                own.maxConcurrentShots().orElse(defaults.maxConcurrentShots().orElse(Integer.MAX_VALUE)),
                own.gpuSecondsPerDay().isPresent() ? own.gpuSecondsPerDay() : defaults.gpuSecondsPerDay(),
                own.maxPriority().orElse(defaults.maxPriority()));
    }
}
