package io.starloom.scheduler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Everything the scheduler is told from outside (see application.properties). */
@ConfigMapping(prefix = "starloom")
public interface SchedulerConfig {
    Story story();

    Generation generation();

    Outbox outbox();

    Media media();

    /** Model profiles by name. */
    Map<String, Profile> profiles();

    /** Resolution key ("480p", "720p", "1080p") → profile name. */
    Map<String, String> resolutions();

    Film film();

    interface Story {
        int maxTextLength();
    }

    interface Generation {
        int maxAttempts();
    }

    interface Outbox {
        Duration sweepInterval();
    }

    interface Media {
        Path root();
    }

    interface Profile {
        int width();

        int height();

        int fps();

        int frames();
    }

    interface Film {
        int fps();
    }
}
