package io.starloom.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.contracts.Queues;

/** Settings of one inference worker, each with its default; environment variables such as STARLOOM_WORKER_ID set them. */
@ConfigMapping(prefix = "starloom")
public interface WorkerConfig {
    Worker worker();

    Media media();

    interface Worker {
        /** Names this worker in events, e.g. the pod name (STARLOOM_WORKER_ID); the host name when unset. */
        Optional<String> id();

        /**
         * The one backend this worker runs (STARLOOM_WORKER_BACKEND), by the name it is registered under
         * (see BackendSelection): {@code preview}, the CPU star-sky renderer, or {@code sim}, for load tests
         * only, which waits its render time and writes a black clip.
         */
        @WithDefault("preview")
        String backend();

        Queue queue();

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

        /**
         * On shutdown, how long to wait for the shot in hand before closing the link (its command then goes back
         * to the queue). In a pod: below terminationGracePeriodSeconds and above the longest shot.
         */
        @WithDefault("30s")
        Duration drainTimeout();

        @WithDefault("${amqp-host}")
        String host();

        @WithDefault("${amqp-port}")
        int port();

        @WithDefault("${amqp-username:}")
        Optional<String> username();

        @WithDefault("${amqp-password:}")
        Optional<String> password();
    }


    interface Media {
        /** Root directory of the media store, shared with postprocess and scheduler (STARLOOM_MEDIA_ROOT). */
        @WithDefault("${java.io.tmpdir}/starloom-media")
        Path root();
    }
}
