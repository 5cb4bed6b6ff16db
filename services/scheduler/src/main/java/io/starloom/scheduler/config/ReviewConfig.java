package io.starloom.scheduler.config;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** Human review: which tenants must approve every film before it is published. */
@ConfigMapping(prefix = "starloom.review")
public interface ReviewConfig {

    /** Tenants for which every story waits IN_REVIEW once its film is ready, as if it asked for review itself. */
    Optional<Set<String>> mandatoryTenants();
}
