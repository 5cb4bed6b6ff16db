package io.starloom.scheduler.messaging;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.scheduler.persistence.OutboxEntity;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.amqp.AmqpClient;
import io.vertx.mutiny.amqp.AmqpConnection;
import io.vertx.mutiny.amqp.AmqpMessage;
import io.vertx.mutiny.amqp.AmqpSender;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Sends outbox rows to the broker over one anonymous sender link, each to the queue its row names, with the
 * CloudEvents attributes (binary mode) every consumer reads. Unlike a Reactive Messaging emitter, a send the
 * broker refuses, or a lost connection, fails only that send: the link is dropped and opened again on the next
 * one, so the outbox relay goes on with its sweep instead of losing its channel until a restart.
 */
@ApplicationScoped
public class CommandSender {
    private static final Logger LOG = Logger.getLogger(CommandSender.class);
    static final String SOURCE = "/starloom/scheduler";

    private final Vertx vertx;
    private final Tracer tracer;
    private final AmqpClientOptions options;
    private final AtomicReference<Uni<Link>> link = new AtomicReference<>();

    private record Link(AmqpClient client, AmqpConnection connection, AmqpSender sender) {
        void close() {
            client.closeAndForget();
        }
    }

    public CommandSender(Vertx vertx, Tracer tracer, @ConfigProperty(name = "amqp-host") String host, @ConfigProperty(name = "amqp-port") int port,
            @ConfigProperty(name = "amqp-username") Optional<String> username, @ConfigProperty(name = "amqp-password") Optional<String> password) {
        this.vertx = vertx;
        this.tracer = tracer;
        this.options = new AmqpClientOptions().setHost(host).setPort(port);
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
    }

    /** Completes once the broker accepted the row's command; continues on the caller's Vert.x context. */
    public Uni<Void> send(OutboxEntity row) {
        JsonObject properties = new JsonObject()
                .put("cloudEvents:specversion", "1.0")
                .put("cloudEvents:id", row.id.toString())
                .put("cloudEvents:source", SOURCE)
                .put(ProtoEnvelope.TYPE_PROPERTY, row.type)
                .put(ProtoEnvelope.SUBJECT_PROPERTY, row.storyId.toString());
        // Sent later and elsewhere than it was written: the row's traceparent keeps the command in the story's trace,
        // under a producer span of its own, as the messaging connector would have made.
        Optional<Span> span = TraceContext.fromTraceparent(row.traceparent).map(trace -> tracer.spanBuilder(row.destination + " publish")
                .setParent(trace).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "amqp")
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.destination.name", row.destination)
                .setAttribute("messaging.message.id", row.id.toString())
                .startSpan());
        span.flatMap(producer -> TraceContext.traceparent(io.opentelemetry.context.Context.root().with(producer)))
                .or(() -> Optional.ofNullable(row.traceparent).filter(stored -> TraceContext.fromTraceparent(stored).isPresent()))
                .ifPresent(traceparent -> properties.put(TraceContext.TRACEPARENT, traceparent));
        AmqpMessage message = AmqpMessage.create().address(row.destination).durable(true).contentType(ProtoEnvelope.CONTENT_TYPE)
                .applicationProperties(properties).withBufferAsBody(Buffer.buffer(row.payload)).build();
        Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Void> sent = sender().chain(open -> open.sender().sendWithAck(message)
                .onFailure().invoke(failure -> drop(open, failure)))
                .onItemOrFailure().invoke((ignored, failure) -> span.ifPresent(producer -> {
                    if (failure != null) {
                        producer.recordException(failure);
                        producer.setStatus(StatusCode.ERROR);
                    }
                    producer.end();
                }));
        return caller == null ? sent : sent.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Uni<Link> sender() {
        Uni<Link> current = link.get();
        if (current != null) {
            return current;
        }
        Uni<Link> opening = Uni.createFrom().deferred(() -> {
            AmqpClient client = AmqpClient.create(vertx, options);
            return client.connect().chain(connection -> connection.createAnonymousSender().map(sender -> new Link(client, connection, sender)))
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
        LOG.warnf("command link to the broker dropped, the next send opens a new one: %s", failure.getMessage());
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
}
