package io.starloom.worker.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of one inference worker (see application.properties). */
@ConfigMapping(prefix = "starloom")
public interface WorkerConfig {
    Worker worker();

    Media media();

    interface Worker {
        /** Names this worker in events, e.g. the pod name. */
        String id();

        /** preview | sim */
        String backend();

        Preview preview();

        Sim sim();

        /** Largest frame size and count a command may ask for. */
        @WithDefault("3840")
        int maxDimension();

        @WithDefault("1000")
        int maxFrames();
    }

    interface Preview {
        /** libx264 preset of the preview encoder. */
        String preset();
    }

    interface Sim {
        Duration renderTime();
    }

    interface Media {
        Path root();
    }
}
