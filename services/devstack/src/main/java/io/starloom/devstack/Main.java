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
 * Usage: {@code java -jar devstack.jar [--state-dir DIR] [--pg-port N] [--amqp-port N] [--oidc-port N]}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try (InputStream logging = Main.class.getResourceAsStream("/devstack-logging.properties")) {
            LogManager.getLogManager().readConfiguration(logging);
        }
        DevStackOptions.Builder options = DevStackOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--state-dir" -> options.stateDir(Path.of(require(args[i], value)));
                case "--pg-port" -> options.postgresPort(Integer.parseInt(require(args[i], value)));
                case "--amqp-port" -> options.amqpPort(Integer.parseInt(require(args[i], value)));
                case "--oidc-port" -> options.oidcPort(Integer.parseInt(require(args[i], value)));
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: devstack [--state-dir DIR] [--pg-port N] [--amqp-port N] [--oidc-port N]");
                    System.exit(2);
                }
            }
            i++;
        }
        long begin = System.nanoTime();
        DevStack stack = DevStack.start(options.build());
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
        System.out.printf("devstack ready in %d ms: postgres %s, amqp %s:%s, oidc %s (settings in %s)%n",
                (System.nanoTime() - begin) / 1_000_000, stack.env().get("STARLOOM_DB_JDBC_URL"), stack.env().get("AMQP_HOST"),
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

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
