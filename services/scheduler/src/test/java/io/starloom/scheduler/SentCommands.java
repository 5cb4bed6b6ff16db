package io.starloom.scheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.google.protobuf.InvalidProtocolBufferException;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.starloom.contracts.Queues;
import io.starloom.mesh.support.tracing.TraceContext;

/**
 * Plays every stage's consumer in the tests: takes what the scheduler really sent off the real queues
 * (channels {@code captured-*}, configured for the test profile) and keeps it for assertions.
 */
@ApplicationScoped
public class SentCommands {
    /** One received command with the CloudEvents attributes and the trace (W3C traceparent, or null) it came with. */
    record Sent(String queue, String id, String subject, String type, byte[] body, String traceparent) {
    }

    interface Parser<T> {
        T parse(byte[] body) throws InvalidProtocolBufferException;
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Incoming("captured-enrichment")
    Uni<Void> enrichment(Message<byte[]> message) {
        return keep(Queues.ENRICHMENT_REQUESTS, message);
    }

    @Incoming("captured-moderation")
    Uni<Void> moderation(Message<byte[]> message) {
        return keep(Queues.MODERATION_REQUESTS, message);
    }

    @Incoming("captured-frames")
    Uni<Void> frames(Message<byte[]> message) {
        return keep(Queues.MODERATION_FRAMES, message);
    }

    @Incoming("captured-generation")
    Uni<Void> generation(Message<byte[]> message) {
        return keep(Queues.GENERATION_REQUESTS, message);
    }

    @Incoming("captured-postprocess")
    Uni<Void> postprocess(Message<byte[]> message) {
        return keep(Queues.POSTPROCESS_REQUESTS, message);
    }

    /** Everything received on {@code queue} about one story, oldest first. */
    List<Sent> on(String queue, String storyId) {
        return sent.stream().filter(s -> s.queue().equals(queue) && storyId.equals(s.subject())).toList();
    }

    /** The bodies received on {@code queue} about one story, parsed. */
    <T> List<T> parsed(String queue, String storyId, Parser<T> parser) {
        return on(queue, storyId).stream().map(s -> {
            try {
                return parser.parse(s.body());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("the scheduler sent an unreadable " + s.type(), e);
            }
        }).toList();
    }

    private Uni<Void> keep(String queue, Message<byte[]> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new AssertionError("a command without CloudEvents attributes on " + queue));
        String traceparent = TraceContext.of(message).flatMap(TraceContext::traceparent).orElse(null);
        sent.add(new Sent(queue, ce.getId(), ce.getSubject().orElse(null), ce.getType(), message.getPayload(), traceparent));
        return Uni.createFrom().completionStage(message.ack());
    }
}
