package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the real infrastructure: one devstack per test JVM, shared by every test
 * class and stopped when the JVM exits. Init arg {@code postgres=false} leaves the database out.
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {
    private static DevStack stack;
    private boolean postgres = true;

    @Override
    public void init(Map<String, String> initArgs) {
        postgres = !"false".equals(initArgs.get("postgres"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(startShared(postgres).quarkusConfig());
        if (!postgres) {
            config.keySet().removeIf(key -> key.startsWith("quarkus.datasource."));
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared across test classes; the shutdown hook stops it.
    }

    /** The running devstack, e.g. to mint tokens or inspect queues. */
    public static synchronized DevStack stack() {
        if (stack == null) {
            throw new IllegalStateException("DevStackTestResource has not started yet");
        }
        return stack;
    }

    private static synchronized DevStack startShared(boolean postgres) {
        if (stack == null) {
            try {
                stack = DevStack.start(DevStackOptions.builder()
                        .stateDir(Files.createTempDirectory("starloom-devstack"))
                        .postgres(postgres)
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DevStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return stack;
    }
}
