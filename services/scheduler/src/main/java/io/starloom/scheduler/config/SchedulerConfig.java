package io.starloom.scheduler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;

/**
 * Everything the scheduler is told from outside, with its defaults; application.properties holds only
 * what has no sensible default (model profiles, resolutions) and what a profile changes.
 */
@ConfigMapping(prefix = "starloom")
public interface SchedulerConfig {
    Story story();

    Generation generation();

    Outbox outbox();

    Media media();

    /** Model profiles by name: what a model really produces per call. */
    Map<String, Profile> profiles();

    /** Resolution key ("480p", "720p", "1080p") → profile name; a resolution with no entry is refused (422). */
    Map<String, String> resolutions();

    Film film();

    /**
     * How much story one film can narrate (starloom.narration.*): written once, in mesh-support's shared
     * settings, and the same numbers enrichment plans with, so that a story accepted here can be planned.
     */
    Narration narration();

    interface Story {
        /** Longest story accepted, in Unicode code points. */
        @WithDefault("4000")
        int maxTextLength();
    }

    interface Generation {
        /** Attempts per shot before the story fails (retryable failures only). */
        @WithDefault("2")
        int maxAttempts();

        /**
         * Accept a story only for a model profile that a running worker serves (heartbeats); off only where no
         * workers run (the scheduler's own tests), which then plan with the configured profiles.
         */
        @WithDefault("true")
        boolean requireServedProfile();

        /** A story whose pre-flight estimate is over this price (hosted profiles) fails before any shot is sent. */
        @WithDefault("20")
        Optional<Double> maxStoryPriceUsd();

        /** A story whose estimated render seconds (on the profile's reference GPU) are over this fails before any shot is sent. */
        Optional<Double> maxStoryRenderSeconds();
    }

    interface Outbox {
        /** Undelivered outbox rows are swept this often; the relay also runs right after every commit. */
        @WithDefault("2s")
        Duration sweepInterval();
    }

    interface Media {
        /** The media store shared with the worker and postprocess (env STARLOOM_MEDIA_ROOT). */
        @WithDefault("${java.io.tmpdir}/starloom-media")
        Path root();
    }

    interface Profile {
        int width();

        int height();

        int fps();

        int frames();
    }

    interface Narration {
        /** Planned on-screen length of every shot, in seconds. */
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
        static NarrationCapacity capacityOf(Narration settings) {
            return new NarrationCapacity(new ReadingBudget(settings.readingSpeed().zh(), settings.readingSpeed().en(),
                    settings.shotSeconds()), settings.maxShots());
        }
    }

    interface Film {
        /** The delivered film: the profile's frame size at this rate. */
        @WithDefault("24")
        int fps();
    }
}
