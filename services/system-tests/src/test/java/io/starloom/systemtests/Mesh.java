package io.starloom.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStack;
import io.starloom.devstack.DevStackOptions;

/**
 * The whole mesh as it runs for a user: the devstack (PostgreSQL, Artemis, OIDC issuer) and the five
 * services as separate JVM processes started from their packaged jars. One per test JVM.
 */
public final class Mesh implements AutoCloseable {
    public static final List<String> SERVICES = List.of("scheduler", "enrichment", "moderation", "inference-worker", "postprocess");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The shared mesh's schedulers take a shot back 15 s after its worker's last ShotStarted/ShotProgress (renewed
     * every 2 s) instead of 60 s, so that a stalled worker loses its shot within a test (SchedulerReplicasIT).
     */
    static final Map<String, String> SHORT_LEASES = Map.of("STARLOOM_FLEET_LEASE_DURATION", "15s",
            "STARLOOM_FLEET_LEASE_RENEW_INTERVAL", "2s", "STARLOOM_FLEET_SWEEP_INTERVAL", "1s");
    private static Mesh instance;

    private final Path repoRoot;
    private final Path workDir;
    private final DevStack stack;
    /** Settings every service of this mesh gets on top of the devstack's, e.g. another media store. */
    private final Map<String, String> extraEnv;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new HashMap<>();
    private final Map<String, Long> startupMillis = new LinkedHashMap<>();
    private final Set<String> stalled = new HashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String webhookKey;

    private Mesh(Path repoRoot, Path workDir, Map<String, String> extraEnv) {
        this.repoRoot = repoRoot;
        this.workDir = workDir;
        this.extraEnv = Map.copyOf(extraEnv);
        this.webhookKey = webhookKey(workDir);
        this.stack = DevStack.start(DevStackOptions.builder().stateDir(workDir.resolve("devstack")).build());
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
    }

    /** The running mesh, started on first use and stopped when the JVM exits; it exports its spans to {@link TraceCollector}. */
    public static synchronized Mesh get() {
        if (instance == null) {
            Map<String, String> env = new HashMap<>(TraceCollector.shared().serviceEnv());
            env.putAll(SHORT_LEASES);
            instance = startNew("mesh", env);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    /**
     * A second, separate mesh (its own devstack, ports and work directory {@code target/<name>}) whose services
     * all get {@code extraEnv}; the caller closes it.
     */
    public static Mesh startNew(String name, Map<String, String> extraEnv) {
        Path root = Path.of(System.getProperty("starloom.repo.root", "../..")).toAbsolutePath().normalize();
        try {
            Path work = Files.createDirectories(root.resolve("services/system-tests/target/" + name));
            Mesh mesh = new Mesh(root, work, extraEnv);
            try {
                for (String service : SERVICES) {
                    mesh.start(service);
                }
            } catch (RuntimeException e) {
                mesh.close();
                throw e;
            }
            return mesh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String schedulerUrl() {
        return url("scheduler");
    }

    /** The base URL of a process this mesh started, e.g. a second scheduler replica. */
    public String url(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    /** Where a process's output goes (appended across restarts). */
    public Path log(String name) {
        return workDir.resolve("logs/" + name + ".log");
    }

    public synchronized boolean running(String name) {
        Process process = processes.get(name);
        return process != null && process.isAlive();
    }

    public int port(String service) {
        return ports.get(service);
    }

    public DevStack stack() {
        return stack;
    }

    public Path mediaRoot() {
        return workDir.resolve("media");
    }

    public Map<String, Long> startupMillis() {
        return Map.copyOf(startupMillis);
    }

    public String writerToken(String tenant) {
        return stack.mintToken("system-test", tenant, Set.of(Roles.STORY_WRITER, Roles.STORY_READER));
    }

    /** Starts one service process and waits until its readiness check passes. */
    public synchronized void start(String service) {
        start(service, service, Map.of());
    }

    /**
     * Starts one more process of a service's module under its own name, with settings of its own, e.g. a second
     * inference worker with another backend: {@code start("worker-dashscope", "inference-worker", Map.of(…))}.
     */
    public synchronized void start(String name, String module, Map<String, String> env) {
        startAll(List.of(new Launch(name, module, env)));
    }

    /** One process to start: its name in this mesh, the module whose jar it runs, and settings of its own. */
    public record Launch(String name, String module, Map<String, String> env) {
    }

    /** Starts several processes side by side (their JVMs warm up together) and waits until every one is ready. */
    public synchronized void startAll(List<Launch> launches) {
        Map<String, Long> begins = new LinkedHashMap<>();
        for (Launch launch : launches) {
            begins.put(launch.name(), System.nanoTime());
            launch(launch.name(), launch.module(), launch.env());
        }
        begins.forEach((name, begin) -> {
            awaitReady(name, log(name));
            startupMillis.put(name, (System.nanoTime() - begin) / 1_000_000);
        });
    }

    private void launch(String name, String module, Map<String, String> env) {
        ports.computeIfAbsent(name, ignored -> freePort());
        Path jar = repoRoot.resolve("services/" + module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (./mvnw verify) so the services are packaged first");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Each service logs in to the broker as its own user, with only its own rights (deploy/broker/broker.xml);
        // the studio is no broker client and gets only the issuer.
        if (SERVICES.contains(module)) {
            builder.environment().putAll(stack.env(module));
        } else {
            builder.environment().put("STARLOOM_OIDC_URL", stack.env().get("STARLOOM_OIDC_URL"));
        }
        builder.environment().put("STARLOOM_MEDIA_ROOT", mediaRoot().toString());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(name)));
        // The scheduler previews storyboards through enrichment's gRPC.
        builder.environment().put("STARLOOM_ENRICHMENT_PORT", String.valueOf(ports.get("enrichment")));
        if (module.equals("scheduler")) {
            // Every replica must open the webhook secrets the others sealed: one key per mesh.
            builder.environment().put("STARLOOM_WEBHOOKS_SECRET_KEY", webhookKey);
        }
        builder.environment().putAll(extraEnv);
        builder.environment().putAll(env);
        Path log = log(name);
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            processes.put(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Freezes a process with SIGSTOP, as a hung machine would: its connections stay open (the broker still counts
     * its receiver and the command it holds) but it sends nothing, no heartbeat and no lease renewal.
     */
    public synchronized void stall(String name) {
        signal(name, "STOP");
        stalled.add(name);
    }

    /** Lets a stalled process go on (SIGCONT) where it stopped. */
    public synchronized void resume(String name) {
        if (stalled.remove(name)) {
            signal(name, "CONT");
        }
    }

    private void signal(String name, String signal) {
        Process process = processes.get(name);
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + name + " exited with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills a service the hard way, as a crash would. */
    public synchronized void kill(String service) {
        stalled.remove(service);
        Process process = processes.remove(service);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady(String service, Path log) {
        URI ready = URI.create("http://127.0.0.1:" + ports.get(service) + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process process = processes.get(service);
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException(service + " not ready within " + READY_TIMEOUT + "; see " + log);
    }

    @Override
    public synchronized void close() {
        // A stopped process would not see the SIGTERM below.
        List.copyOf(stalled).forEach(this::resume);
        for (String service : List.copyOf(processes.keySet())) {
            Process process = processes.remove(service);
            process.destroy();
        }
        stack.close();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The key a scheduler seals webhook secrets with ({@code STARLOOM_WEBHOOKS_SECRET_KEY}), kept in {@code dir}
     * next to the devstack's database, which outlives a run: the next run's schedulers must open those secrets.
     */
    static String webhookKey(Path dir) {
        Path file = dir.resolve("webhook-secret-key");
        try {
            if (!Files.isRegularFile(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(dir);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
