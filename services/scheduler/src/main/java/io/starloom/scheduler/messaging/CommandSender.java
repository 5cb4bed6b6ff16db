package io.starloom.scheduler.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.messaging.BrokerLink;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.scheduler.persistence.OutboxEntity;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.amqp.AmqpMessage;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Sends outbox rows to the broker, each to the queue its row names, with the CloudEvents attributes (binary
 * mode) every consumer reads, over the service's {@link BrokerLink}: a send the broker refuses, a lost
 * connection or a send left unanswered fails only that send (the link is opened again on the next one), so the
 * outbox relay goes on with its sweep instead of losing its channel until a restart.
 */
@ApplicationScoped
public class CommandSender {
    static final String SOURCE = "/starloom/scheduler";

    private final Tracer tracer;
    private final BrokerLink broker;

    public CommandSender(Tracer tracer, BrokerLink broker) {
        this.tracer = tracer;
        this.broker = broker;
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
        return broker.send(message)
                .onItemOrFailure().invoke((ignored, failure) -> span.ifPresent(producer -> {
                    if (failure != null) {
                        producer.recordException(failure);
                        producer.setStatus(StatusCode.ERROR);
                    }
                    producer.end();
                }));
    }
}
