package io.starloom.mesh.support.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.amqp.AmqpClient;
import io.vertx.mutiny.amqp.AmqpConnection;
import io.vertx.mutiny.amqp.AmqpMessage;
import io.vertx.mutiny.amqp.AmqpMessageBuilder;
import io.vertx.mutiny.amqp.AmqpSender;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * A service's way to send to the broker: one anonymous sender link, each message to the address it names,
 * each send complete only once the broker accepted the message. Unlike a Reactive Messaging emitter, whose
 * channel can stay cancelled (or its send pending) for good after the broker went away mid-send, a send the
 * broker refuses, a lost connection or a send unanswered within {@code starloom.messaging.send-timeout}
 * fails only that send: the link is dropped and opened again on the next one, so a broker restart costs the
 * senders one failed (and retried or redelivered) send, never their channel.
 */
@ApplicationScoped
public class BrokerLink {
    private static final Logger LOG = Logger.getLogger(BrokerLink.class);

    private final Vertx vertx;
    private final AmqpClientOptions options;
    private final Duration sendTimeout;
    private final AtomicReference<Uni<Link>> link = new AtomicReference<>();

    private record Link(AmqpClient client, AmqpConnection connection, AmqpSender sender) {
        void close() {
            client.closeAndForget();
        }
    }

    public BrokerLink(Vertx vertx, @ConfigProperty(name = "amqp-host") String host, @ConfigProperty(name = "amqp-port") int port,
            @ConfigProperty(name = "amqp-username") Optional<String> username, @ConfigProperty(name = "amqp-password") Optional<String> password,
            @ConfigProperty(name = "starloom.messaging.send-timeout", defaultValue = "10s") Duration sendTimeout) {
        this.vertx = vertx;
        this.sendTimeout = sendTimeout;
        this.options = new AmqpClientOptions().setHost(host).setPort(port);
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
    }

    /**
     * Completes once the broker accepted {@code message} (durable, to its address); fails when it refused it,
     * the link broke or no answer came within the send timeout. Continues on the caller's Vert.x context.
     */
    public Uni<Void> send(AmqpMessage message) {
        Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Void> sent = sender().chain(open -> open.sender().sendWithAck(message)
                .ifNoItem().after(sendTimeout).failWith(() -> new BrokerSendTimeoutException(sendTimeout))
                .onFailure().invoke(failure -> drop(open, failure)));
        return caller == null ? sent : sent.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /**
     * The AMQP message for a {@code ProtoEnvelope} message, to {@code address}: durable, a binary-mode CloudEvent
     * with its trace, as the messaging connector writes it. Set e.g. a time to live before building it.
     *
     * @throws IllegalArgumentException for a message without CloudEvents metadata
     */
    public static AmqpMessageBuilder envelope(String address, Message<byte[]> event) {
        @SuppressWarnings("unchecked")
        OutgoingCloudEventMetadata<byte[]> ce = event.getMetadata(OutgoingCloudEventMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("an event needs its CloudEvents metadata (ProtoEnvelope.wrap)"));
        JsonObject properties = new JsonObject()
                .put("cloudEvents:specversion", ce.getSpecVersion())
                .put("cloudEvents:id", ce.getId())
                .put("cloudEvents:source", ce.getSource().toString())
                .put(ProtoEnvelope.TYPE_PROPERTY, ce.getType());
        ce.getSubject().ifPresent(subject -> properties.put(ProtoEnvelope.SUBJECT_PROPERTY, subject));
        event.getMetadata(TracingMetadata.class)
                .flatMap(tracing -> TraceContext.traceparent(tracing.getCurrentContext()))
                .ifPresent(traceparent -> properties.put(TraceContext.TRACEPARENT, traceparent));
        return AmqpMessage.create().address(address).durable(true)
                .contentType(ce.getDataContentType().orElse(ProtoEnvelope.CONTENT_TYPE))
                .applicationProperties(properties).withBufferAsBody(Buffer.buffer(event.getPayload()));
    }

    private Uni<Link> sender() {
        Uni<Link> current = link.get();
        if (current != null) {
            return current;
        }
        Uni<Link> opening = Uni.createFrom().deferred(() -> {
            AmqpClient client = AmqpClient.create(vertx, options);
            // Opening is bounded too: a broker that is down or half up fails the send instead of holding it.
            return client.connect().chain(connection -> connection.createAnonymousSender().map(sender -> new Link(client, connection, sender)))
                    .ifNoItem().after(sendTimeout).failWith(() -> new BrokerSendTimeoutException(sendTimeout))
                    .onFailure().invoke(client::closeAndForget);
        }).memoize().indefinitely();
        Uni<Link> watched = opening.invoke(open -> open.connection().exceptionHandler(failure -> drop(open, failure)));
        if (!link.compareAndSet(null, watched)) {
            return link.get();
        }
        // A link that failed to open is forgotten, so that the next send tries again.
        return watched.onFailure().invoke(failure -> link.compareAndSet(watched, null));
    }

    /** Forgets the link (at worst a newer one too, which then costs one reconnect) and closes it. */
    private void drop(Link open, Throwable failure) {
        LOG.warnf("link to the broker dropped, the next send opens a new one: %s", failure.getMessage());
        link.set(null);
        open.close();
    }

    void close(@Observes ShutdownEvent stop) {
        Uni<Link> current = link.getAndSet(null);
        if (current != null) {
            current.subscribe().with(Link::close, failure -> {
            });
        }
    }

    /** The broker did not answer a send in time; the message may or may not have arrived. */
    public static final class BrokerSendTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerSendTimeoutException(Duration after) {
            super("the broker did not answer within " + after);
        }
    }
}
