package io.starloom.worker.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Context;

/**
 * The trace of the shot in hand, from its command's {@code traceparent} to the events reported for it. A
 * worker holds one shot at a time (link credit 1), so one slot is enough.
 */
@ApplicationScoped
public class ShotTrace {
    private volatile Optional<Context> inHand = Optional.empty();

    void take(Optional<Context> trace) {
        inHand = trace;
    }

    void release() {
        inHand = Optional.empty();
    }

    Optional<Context> inHand() {
        return inHand;
    }
}
