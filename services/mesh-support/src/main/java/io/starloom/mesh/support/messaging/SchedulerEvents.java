package io.starloom.mesh.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.vertx.mutiny.amqp.AmqpMessage;

/**
 * The {@link EventSender} of the services that report to the scheduler: each event (a {@code ProtoEnvelope}
 * message) goes to {@link Queues#SCHEDULER_EVENTS} over the service's {@link BrokerLink}, with a send that is
 * bounded and survives a broker restart.
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
            message = BrokerLink.envelope(Queues.SCHEDULER_EVENTS, event).build();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return broker.send(message);
    }
}
