package io.starloom.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.contracts.Queues;
import io.starloom.worker.backend.BackendKind;

/** Settings of one inference worker, each with its default; environment variables such as STARLOOM_WORKER_ID set them. */
@ConfigMapping(prefix = "starloom")
public interface WorkerConfig {
    Worker worker();

    Media media();

    interface Worker {
        /** Names this worker in events, e.g. the pod name (STARLOOM_WORKER_ID); the host name when unset. */
        Optional<String> id();

        /**
         * The one backend this worker runs (STARLOOM_WORKER_BACKEND): {@code preview}, the CPU star-sky renderer,
         * or {@code sim}, for load tests only, which waits its render time and writes a black clip.
         */
        @WithDefault("preview")
        BackendKind backend();

        Queue queue();

        Preview preview();

        Sim sim();

        /** Largest frame width or height a command may ask for; larger ones are refused, not retried. */
        @WithDefault("3840")
        int maxDimension();

        /** Most frames a command may ask for; more are refused, not retried. */
        @WithDefault("1000")
        int maxFrames();
    }

    /** The generation queue's link: by default to the broker the connector of every service uses. */
    interface Queue {
        /** The queue this worker takes shots from; a worker pool per model profile gets its own. */
        @WithDefault(Queues.GENERATION_REQUESTS)
        String address();

        /** Pause before reconnecting after the broker went away. */
        @WithDefault("2s")
        Duration reconnectInterval();

        @WithDefault("${amqp-host}")
        String host();

        @WithDefault("${amqp-port}")
        int port();

        @WithDefault("${amqp-username:}")
        Optional<String> username();

        @WithDefault("${amqp-password:}")
        Optional<String> password();
    }

    interface Preview {
        /** libx264 preset: veryfast or faster keeps a 720p shot well under its own running time. */
        @WithDefault("veryfast")
        String preset();

        /** libx264 constant rate factor; 20 keeps the faint stars. */
        @WithDefault("20")
        int crf();
    }

    interface Sim {
        /** How long a simulated shot takes, as a GPU would. */
        @WithDefault("2s")
        Duration renderTime();
    }

    interface Media {
        /** Root directory of the media store, shared with postprocess and scheduler (STARLOOM_MEDIA_ROOT). */
        @WithDefault("${java.io.tmpdir}/starloom-media")
        Path root();
    }
}
