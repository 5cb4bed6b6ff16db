package io.starloom.devstack;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Artemis (including its per-operation audit log) and Zonky narrate every step at INFO; the devstack is
 * infrastructure and only speaks up about problems. Works with any java.util.logging back end (the JDK's
 * in the runnable jar, JBoss LogManager under Quarkus tests).
 */
final class QuietLogs {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final List<Logger> CHATTY = Stream.of("org.apache.activemq", "io.zonky").map(Logger::getLogger).toList();

    private QuietLogs() {
    }

    static void apply() {
        CHATTY.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
