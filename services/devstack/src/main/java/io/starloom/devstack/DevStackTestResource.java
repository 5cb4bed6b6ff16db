package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the real infrastructure: one devstack per test JVM, in a temporary
 * directory, shared by every test class and stopped (and deleted) when the JVM exits.
 * Init arg {@code postgres=false} leaves the database out.
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
        // Shared across test classes (Quarkus restarts the application between some of them); the shutdown hook stops it.
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
            Path state = createTempDirectory();
            DevStack started = DevStack.start(DevStackOptions.builder().stateDir(state).postgres(postgres).build());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(state);
            }, "devstack-stop"));
            stack = started;
        } else if (postgres && !stack.env().containsKey("STARLOOM_DB_JDBC_URL")) {
            throw new IllegalStateException("this test JVM's devstack was started with postgres=false by an earlier test"
                    + " class; give every DevStackTestResource in the module the same postgres argument");
        }
        return stack;
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("starloom-devstack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }
}
