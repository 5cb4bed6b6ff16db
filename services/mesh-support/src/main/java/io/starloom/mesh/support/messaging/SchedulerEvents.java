package io.starloom.mesh.support.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.starloom.contracts.Queues;
import io.vertx.mutiny.amqp.AmqpMessage;
import io.vertx.mutiny.amqp.AmqpMessageBuilder;

/**
 * The {@link EventSender} of the services that report to the scheduler: each event (a {@code ProtoEnvelope}
 * message) goes to {@link Queues#SCHEDULER_EVENTS} over the service's {@link BrokerLink}, with a send that is
 * bounded and survives a broker restart. Each event carries its story (the CloudEvents subject) as its AMQP
 * {@code group-id}: the broker's message grouping then hands all events of one story to the same one of the
 * scheduler's receivers, in order, while other stories' events go to the others in parallel.
 */
@ApplicationScoped
public class SchedulerEvents implements EventSender {
    private final BrokerLink broker;

    public SchedulerEvents(BrokerLink broker) {
        this.broker = broker;
    }

    @Override
    public Uni<Void> send(Message<byte[]> event) {
        AmqpMessage message;
        try {
            AmqpMessageBuilder builder = BrokerLink.envelope(Queues.SCHEDULER_EVENTS, event);
            storyOf(event).ifPresent(builder::groupId);
            message = builder.build();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return broker.send(message);
    }

    private static Optional<String> storyOf(Message<byte[]> event) {
        return event.getMetadata(OutgoingCloudEventMetadata.class).flatMap(ce -> ((OutgoingCloudEventMetadata<?>) ce).getSubject());
    }
}
