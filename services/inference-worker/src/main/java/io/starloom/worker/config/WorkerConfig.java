package io.starloom.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.starloom.worker.backend.BackendKind;

/** Settings of one inference worker; every value is set, and explained, in application.properties. */
@ConfigMapping(prefix = "starloom")
public interface WorkerConfig {
    Worker worker();

    Media media();

    interface Worker {
        /** Names this worker in events, e.g. the pod name; the host name when unset. */
        Optional<String> id();

        /** The one backend this worker runs. */
        BackendKind backend();

        Queue queue();

        Preview preview();

        Sim sim();

        /** Largest frame width or height a command may ask for. */
        int maxDimension();

        /** Most frames a command may ask for. */
        int maxFrames();
    }

    interface Queue {
        /** The queue this worker takes shots from; a worker pool per model profile gets its own. */
        String address();

        /** Pause before reconnecting after the broker went away. */
        Duration reconnectInterval();
    }

    interface Preview {
        /** libx264 preset: veryfast or faster keeps a 720p shot well under its own running time. */
        String preset();

        /** libx264 constant rate factor; lower keeps more of the faint stars. */
        int crf();
    }

    interface Sim {
        /** How long a simulated shot takes, as a GPU would. */
        Duration renderTime();
    }

    interface Media {
        Path root();
    }
}
