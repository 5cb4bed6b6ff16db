package io.starloom.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import java.util.stream.Collectors;

/**
 * Runs the devstack until SIGTERM/SIGINT and writes its connection settings to {@code <state-dir>/devstack.env}.
 * Usage: {@code java -jar devstack.jar [--state-dir DIR] [--bind HOST] [--pg-port N] [--amqp-port N] [--oidc-port N]}.
 * {@code --bind} defaults to {@code $STARLOOM_BIND_HOST}, the variable the services read, and else to 127.0.0.1.
 */
public final class Main {
    static final String USAGE = "usage: devstack [--state-dir DIR] [--bind HOST] [--pg-port N] [--amqp-port N] [--oidc-port N]";
    /** The bind address the services read as well (quarkus.http.host). */
    static final String BIND_HOST_ENV = "STARLOOM_BIND_HOST";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try (InputStream logging = Main.class.getResourceAsStream("/devstack-logging.properties")) {
            LogManager.getLogManager().readConfiguration(logging);
        }
        DevStackOptions.Builder options;
        try {
            options = parse(System.getenv(BIND_HOST_ENV), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        long begin = System.nanoTime();
        DevStackOptions chosen = options.build();
        DevStack stack = DevStack.start(chosen);
        Path envFile = stack.stateDir().resolve("devstack.env");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(envFile);
            } catch (IOException ignored) {
                // best effort: a stale file is overwritten on the next start
            }
            stack.close();
            stopped.countDown();
        }));
        writeEnv(stack, envFile);
        System.out.printf("devstack ready in %d ms, listening on %s: postgres %s, amqp %s:%s, oidc %s (settings in %s)%n",
                (System.nanoTime() - begin) / 1_000_000, chosen.bindHost(), stack.env().get("STARLOOM_DB_JDBC_URL"), stack.env().get("AMQP_HOST"),
                stack.env().get("AMQP_PORT"), stack.env().get("STARLOOM_OIDC_URL"), envFile);
        stopped.await();
    }

    private static void writeEnv(DevStack stack, Path envFile) throws IOException {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(stack.env());
        // A token for the local CLI (tenant "local"), as an identity provider would hand one out.
        env.put("STARLOOM_TOKEN", stack.mintToken("local-user", "local",
                java.util.List.of(io.starloom.contracts.Roles.STORY_WRITER, io.starloom.contracts.Roles.STORY_READER)));
        String content = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Path tmp = Files.createTempFile(envFile.getParent(), "devstack", ".env.tmp");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(tmp, content);
        Files.move(tmp, envFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The options a command line asks for.
     *
     * @param bindHostFromEnv {@code $STARLOOM_BIND_HOST}, or null: the bind host unless {@code --bind} says otherwise
     * @throws IllegalArgumentException for an unknown option or a missing or malformed value
     */
    static DevStackOptions.Builder parse(String bindHostFromEnv, String... args) {
        DevStackOptions.Builder options = DevStackOptions.builder();
        if (bindHostFromEnv != null && !bindHostFromEnv.isBlank()) {
            options.bindHost(bindHostFromEnv);
        }
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--state-dir" -> options.stateDir(Path.of(require(args[i], value)));
                case "--bind" -> options.bindHost(require(args[i], value));
                case "--pg-port" -> options.postgresPort(port(args[i], require(args[i], value)));
                case "--amqp-port" -> options.amqpPort(port(args[i], require(args[i], value)));
                case "--oidc-port" -> options.oidcPort(port(args[i], require(args[i], value)));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        return options;
    }

    private static String require(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a port number (0 for any free port), not " + value);
    }
}
