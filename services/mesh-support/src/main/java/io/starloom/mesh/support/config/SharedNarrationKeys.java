package io.starloom.mesh.support.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/**
 * Declares the narration keys that mesh-support's {@code META-INF/microprofile-config.properties} sets for
 * every service, so that a service whose own mapping sits at the {@code starloom} root and does not read them
 * (inference-worker's {@code WorkerConfig}) still starts: Quarkus refuses a key under a mapping's prefix that
 * no mapping declares. Nothing injects it, hence {@link Unremovable} (an unused mapping is otherwise dropped).
 * The scheduler and enrichment read the same keys through their own mappings and count with
 * {@code io.starloom.mesh.support.narration}.
 */
@Unremovable
@ConfigMapping(prefix = "starloom.narration")
public interface SharedNarrationKeys {
    int shotSeconds();

    ReadingSpeed readingSpeed();

    int maxShots();

    interface ReadingSpeed {
        double zh();

        double en();
    }
}
