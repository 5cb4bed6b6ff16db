package io.starloom.enrichment.config;

import io.smallrye.config.ConfigMapping;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;

/**
 * How much story one film can narrate, as every service reads it: written once, in mesh-support's
 * {@code META-INF/microprofile-config.properties} (no defaults here), and checked by the scheduler's edge
 * with the same numbers before a story is accepted.
 */
@ConfigMapping(prefix = "starloom.narration")
public interface NarrationConfig {

    /** Planned on-screen length of every shot, in seconds; a shot's narration is sized to reading speed × this. */
    int shotSeconds();

    /** Pace of calm narration. */
    ReadingSpeed readingSpeed();

    /** Most shots in one film. */
    int maxShots();

    interface ReadingSpeed {
        /** Chinese characters per second. */
        double zh();

        /** English words per second. */
        double en();
    }

    /** The capacity these settings describe. */
    static NarrationCapacity capacityOf(NarrationConfig settings) {
        return new NarrationCapacity(new ReadingBudget(settings.readingSpeed().zh(), settings.readingSpeed().en(), settings.shotSeconds()),
                settings.maxShots());
    }
}
