package io.starloom.contracts;

/** AMQP addresses of the mesh. Each is a durable anycast queue with one consumer role. */
public final class Queues {
    public static final String ENRICHMENT_REQUESTS = "starloom.enrichment.requests";
    public static final String MODERATION_REQUESTS = "starloom.moderation.requests";
    /** Frame screening of generated clips: slow next to text screening, so it has its own queue. */
    public static final String MODERATION_FRAMES = "starloom.moderation.frames";
    public static final String GENERATION_REQUESTS = "starloom.generation.requests";
    public static final String POSTPROCESS_REQUESTS = "starloom.postprocess.requests";
    public static final String SCHEDULER_EVENTS = "starloom.scheduler.events";
    /** Workers announce themselves and the model profiles they serve here (WorkerHeartbeat). */
    public static final String SCHEDULER_WORKERS = "starloom.scheduler.workers";
    /**
     * Each model profile has its own generation queue, this prefix and the profile's name, so that a shot only
     * reaches a worker that serves its profile. The broker creates them on first use with the settings of
     * {@code starloom.#}.
     */
    public static final String GENERATION_PREFIX = "starloom.generation.";
    /** Where the broker moves a message after its last failed delivery. */
    public static final String DEAD_LETTER = "starloom.dlq";
    public static final String EXPIRY = "starloom.expiry";

    /** Every work queue, for brokers that must declare them up front. */
    public static final String[] WORK_QUEUES = {
        ENRICHMENT_REQUESTS, MODERATION_REQUESTS, MODERATION_FRAMES, GENERATION_REQUESTS, POSTPROCESS_REQUESTS, SCHEDULER_EVENTS,
        SCHEDULER_WORKERS
    };

    /** Deliveries before the broker dead-letters a message. */
    public static final int MAX_DELIVERY_ATTEMPTS = 3;

    /** The generation queue of a model profile, e.g. {@code starloom.generation.wan2.2-t2v-a14b-720p}. */
    public static String generation(String profile) {
        return GENERATION_PREFIX + profile;
    }

    private Queues() {
    }
}
