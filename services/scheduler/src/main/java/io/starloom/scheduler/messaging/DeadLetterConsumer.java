package io.starloom.scheduler.messaging;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.scheduler.application.StageRouter;

/**
 * Watches the dead-letter queue: a message that no stage could process means its story cannot finish, so
 * the story is marked FAILED (reason DEAD_LETTERED) instead of waiting forever. The dead letter itself is
 * acknowledged; its content stays in the logs for the operator.
 */
@ApplicationScoped
public class DeadLetterConsumer {
    private static final Logger LOG = Logger.getLogger(DeadLetterConsumer.class);
    /** Artemis records where a dead-lettered message came from: an annotation on AMQP messages, a property on core ones. */
    private static final org.apache.qpid.proton.amqp.Symbol ORIGINAL_ADDRESS_ANNOTATION =
            org.apache.qpid.proton.amqp.Symbol.valueOf("x-opt-ORIG-ADDRESS");
    private static final String ORIGINAL_ADDRESS_PROPERTY = "_AMQ_ORIG_ADDRESS";

    private final StageRouter router;

    public DeadLetterConsumer(StageRouter router) {
        this.router = router;
    }

    @Incoming(Queues.DEAD_LETTER)
    public Uni<Void> consume(Message<byte[]> message) {
        String origin = message.getMetadata(IncomingAmqpMetadata.class).map(DeadLetterConsumer::originalAddress)
                .orElse("an unknown queue");
        Optional<UUID> storyId = ProtoEnvelope.subjectOf(message).flatMap(DeadLetterConsumer::uuid);
        LOG.warnf("dead letter from %s about story %s", origin, storyId.map(UUID::toString).orElse("(none)"));
        Uni<Void> outcome = storyId.map(id -> router.deadLettered(id, origin)).orElse(Uni.createFrom().voidItem());
        return outcome.onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().completionStage(message.ack())
                : Uni.createFrom().completionStage(message.nack(failure)));
    }

    private static String originalAddress(IncomingAmqpMetadata amqp) {
        if (amqp.getMessageAnnotations() != null && amqp.getMessageAnnotations().getValue() != null) {
            Object annotated = amqp.getMessageAnnotations().getValue().get(ORIGINAL_ADDRESS_ANNOTATION);
            if (annotated != null) {
                return annotated.toString();
            }
        }
        String property = amqp.getProperties() == null ? null : amqp.getProperties().getString(ORIGINAL_ADDRESS_PROPERTY);
        return property == null ? "an unknown queue" : property;
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
