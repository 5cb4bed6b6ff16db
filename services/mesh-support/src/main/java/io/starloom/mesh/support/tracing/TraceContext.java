package io.starloom.mesh.support.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Carries a story's trace from one hop of the mesh to the next, where no thread or Vert.x context does: from
 * a received command to the event reported for it, and through the scheduler's outbox row to the relayed
 * command. On the wire it is the W3C {@code traceparent}, which the AMQP connector writes into a message's
 * application properties from the {@link TracingMetadata} attached here. With tracing off every context is
 * empty and nothing is carried.
 */
public final class TraceContext {
    /** The W3C header, and the AMQP application property, that carries the trace. */
    public static final String TRACEPARENT = "traceparent";
    private static final String ADOPTED = "starloom.trace";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The trace a received message belongs to (its consumer span), when tracing is on and it carried one. */
    public static Optional<Context> of(Message<?> received) {
        return TracingMetadata.fromMessage(received).map(TracingMetadata::getCurrentContext).filter(TraceContext::isValid);
    }

    /** {@code outgoing}, to be sent as part of {@code trace}: the connector makes its producer span a child of it. */
    public static <T> Message<T> carry(Message<T> outgoing, Optional<Context> trace) {
        return trace.map(context -> outgoing.addMetadata(TracingMetadata.withCurrent(context))).orElse(outgoing);
    }

    /**
     * Makes a received message's trace the trace of the rest of its processing on this Vert.x (duplicated)
     * context, so that what that processing stores, such as outbox rows, can name it. Nothing happens off a
     * duplicated context or for an untraced message.
     */
    public static void adopt(Message<?> received) {
        if (VertxContext.isOnDuplicatedContext()) {
            of(received).ifPresent(context -> ContextLocals.put(ADOPTED, context));
        }
    }

    /**
     * The {@code traceparent} to store with work done now (the outbox row): the current span's, else that of
     * the message being processed ({@link #adopt}); empty when tracing is off.
     */
    public static Optional<String> currentTraceparent() {
        Context current = Context.current();
        if (isValid(current)) {
            return traceparent(current);
        }
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<Context>get(ADOPTED).flatMap(TraceContext::traceparent) : Optional.empty();
    }

    public static Optional<String> traceparent(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** The context a stored or received {@code traceparent} names; empty for none or a malformed one. */
    public static Optional<Context> fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Optional.empty();
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
        return Optional.of(context).filter(TraceContext::isValid);
    }

    private static boolean isValid(Context context) {
        return Span.fromContext(context).getSpanContext().isValid();
    }
}
