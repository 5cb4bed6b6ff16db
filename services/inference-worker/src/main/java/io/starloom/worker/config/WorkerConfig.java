package io.starloom.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
         * (see BackendSelection): {@code preview}, the CPU star-sky renderer; {@code openai-videos},
         * {@code lightx2v} or {@code dashscope}, the real Wan models; or {@code sim}, for load tests only, which
         * waits its render time and writes a black clip.
         */
        @WithDefault("preview")
        String backend();

        /**
         * The model profile this worker serves (STARLOOM_WORKER_PROFILE): a file {@code <name>.json} in
         * {@link #profileDirectory()} or shipped in {@code profiles/}. One per worker, as a GPU pod holds one
         * model; it names the worker's generation queue and is announced to the scheduler.
         */
        @WithDefault("wan2.2-t2v-a14b-720p")
        String profile();

        /** An operator's directory of profile files, read before the shipped ones (STARLOOM_WORKER_PROFILE_DIRECTORY). */
        Optional<Path> profileDirectory();

        /** How often the worker tells the scheduler it is alive and which profile it serves. */
        @WithDefault("5s")
        Duration heartbeatInterval();

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
        /** The queue this worker takes shots from; by default its profile's, {@code starloom.generation.<profile>}. */
        Optional<String> address();

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
