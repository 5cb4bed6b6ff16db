package io.starloom.contracts;

/** AMQP addresses of the mesh. Each is a durable anycast queue with one consumer role. */
public final class Queues {
    public static final String ENRICHMENT_REQUESTS = "starloom.enrichment.requests";
    public static final String MODERATION_REQUESTS = "starloom.moderation.requests";
    public static final String GENERATION_REQUESTS = "starloom.generation.requests";
    public static final String POSTPROCESS_REQUESTS = "starloom.postprocess.requests";
    public static final String SCHEDULER_EVENTS = "starloom.scheduler.events";
    /** Narration to speak while the shots render (postprocess; nothing answers). */
    public static final String NARRATION_REQUESTS = "starloom.narration.requests";
    /** Where the broker moves a message after its last failed delivery. */
    public static final String DEAD_LETTER = "starloom.dlq";
    public static final String EXPIRY = "starloom.expiry";

    /** Every work queue, for brokers that must declare them up front. */
    public static final String[] WORK_QUEUES = {
        ENRICHMENT_REQUESTS, MODERATION_REQUESTS, GENERATION_REQUESTS, POSTPROCESS_REQUESTS, SCHEDULER_EVENTS,
        NARRATION_REQUESTS
    };

    /** Deliveries before the broker dead-letters a message. */
    public static final int MAX_DELIVERY_ATTEMPTS = 3;

    private Queues() {
    }
}
