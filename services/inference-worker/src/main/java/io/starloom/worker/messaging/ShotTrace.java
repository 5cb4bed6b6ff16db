package io.starloom.worker.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The trace of the shot in hand, from its command's {@code traceparent} to the events reported for it. The
 * generation queue is read over a link of our own, not the messaging connector, so the consumer span the
 * connector makes for other queues is made here: it lasts from receiving the command to settling it, and the
 * shot's events are its children. A worker holds one shot at a time (link credit 1), so one slot is enough.
 */
@ApplicationScoped
public class ShotTrace {
    private final Tracer tracer;
    private volatile Optional<Span> receiving = Optional.empty();
    private volatile Optional<Context> inHand = Optional.empty();

    public ShotTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A command from {@code address} arrived in the trace {@code parent} names (none when it carried none). */
    void take(Optional<Context> parent, String address, String messageId) {
        receiving = parent.map(trace -> tracer.spanBuilder(address + " receive").setParent(trace).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "amqp")
                .setAttribute("messaging.operation", "receive")
                .setAttribute("messaging.destination.name", address)
                .setAttribute("messaging.message.id", messageId == null ? "" : messageId)
                .startSpan());
        inHand = receiving.map(span -> parent.get().with(span));
    }

    /** The command was settled; {@code accepted} false when it went back to the broker for another attempt. */
    void release(boolean accepted) {
        receiving.ifPresent(span -> {
            if (!accepted) {
                span.setStatus(StatusCode.ERROR, "returned to the broker");
            }
            span.end();
        });
        receiving = Optional.empty();
        inHand = Optional.empty();
    }

    Optional<Context> inHand() {
        return inHand;
    }
}
