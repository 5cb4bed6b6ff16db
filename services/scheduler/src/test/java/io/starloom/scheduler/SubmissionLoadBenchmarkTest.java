package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Load driver for the submission API: POST /v1/stories from 20 tenants with real devstack tokens, open loop
 * at a fixed rate (latency counted from when each request was due, so a stalled server cannot hide its
 * queue), then a closed loop at fixed concurrency for the ceiling. Every 202 must be a committed story:
 * afterwards the rows are counted in PostgreSQL. Run it with
 * {@code ./mvnw -o -pl services/scheduler test -Dtest=SubmissionLoadBenchmarkTest -Dbenchmark.submission=true} (not starloom.*: the scheduler refuses unknown starloom.* settings)
 * ({@code -Dbenchmark.rate=1000 -Dbenchmark.seconds=10 -Dbenchmark.concurrency=64 -Dbenchmark.warmup=10000}).
 *
 * <p>The runs measured come after the JIT has settled: warm-up rounds of {@code benchmark.warmup} closed-loop
 * submissions go on until the compiler threads take under 5 % of the JVM's CPU in a round (at most
 * {@code benchmark.warmup-rounds}). A fixed 12,000 were not enough: the compiler threads still took over a quarter of
 * the JVM CPU of the runs after it, which then reported a scheduler half as fast as it is.
 *
 * <p>Driver and server share this JVM and the machine, so each run also reports the server's CPU per accepted
 * story: this process's CPU time less the driver's own threads (the ones its callbacks run on, and the pacer),
 * plus the embedded PostgreSQL's processes (those alive, and what its postmaster reaped). That figure, not
 * the rate of a run whose driver takes part of two shared cores, says what two dedicated cores would carry.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "benchmark.submission", matches = "true")
class SubmissionLoadBenchmarkTest {
    private static final int TENANTS = 20;
    /** USER_HZ, which /proc/PID/stat counts in: 100 on every Linux architecture Starloom runs on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;
    private static final String BODY = "{\"text\":\"Perseus rides to the rocks where Andromeda is chained; the sea monster rises from the waves.\"}";

    @TestHTTPResource("/v1/stories")
    URL target;

    /** Threads the driver's work ran on; their CPU time is not the server's. */
    private final Set<Long> driverThreads = ConcurrentHashMap.newKeySet();

    record Run(String name, int sent, int accepted, Map<Integer, Integer> otherStatuses, double seconds, long[] sortedNanos, Cpu cpu) {
        double quantileMillis(double q) {
            return sortedNanos.length == 0 ? 0 : sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.round(q * (sortedNanos.length - 1)))] / 1e6;
        }

        String summary() {
            return String.format(Locale.ROOT, "%s: sent %d, accepted %d (%.0f/s), others %s; latency p50 %.1f ms p90 %.1f ms p99 %.1f ms max %.1f ms;"
                    + " %s", name, sent, accepted, accepted / seconds, otherStatuses, quantileMillis(0.5), quantileMillis(0.9), quantileMillis(0.99),
                    quantileMillis(1), cpu.perStory(accepted));
        }
    }

    /**
     * CPU seconds spent during a run, and the load average around it (the machine is shared). The devstack's
     * Artemis broker runs in this JVM; its threads are counted apart, as a deployment runs it elsewhere.
     */
    record Cpu(double jvm, double driver, double broker, double jit, double postgres, String loadBefore, String loadAfter) {
        String perStory(int accepted) {
            double server = jvm - driver + postgres;
            double scheduler = jvm - driver - broker;
            return String.format(Locale.ROOT, "CPU s: JVM %.1f (driver %.1f, broker %.1f, JIT compiler %.1f), PostgreSQL %.1f; server %.2f ms CPU/story (JVM %.2f,"
                    + " of which broker %.2f, + PostgreSQL %.2f) = %.0f stories/s on 2 dedicated cores, %.0f/s for the scheduler alone"
                    + " (%.2f ms); load average %s -> %s", jvm, driver, broker, jit, postgres, 1000 * server / accepted, 1000 * (jvm - driver) / accepted,
                    1000 * broker / accepted, 1000 * postgres / accepted, 2 * accepted / server, 2 * accepted / scheduler,
                    1000 * scheduler / accepted, loadBefore, loadAfter);
        }

        /** Whether the JIT still compiles much: its threads' share of the JVM's CPU. */
        boolean jitSettled() {
            return jit < 0.05 * jvm;
        }
    }

    /** Cumulative CPU seconds at one moment. */
    private record CpuMark(double jvm, double driver, double broker, double jit, double postgres, String load) {
        Cpu to(CpuMark end) {
            return new Cpu(end.jvm - jvm, end.driver - driver, end.broker - broker, end.jit - jit, end.postgres - postgres, load, end.load);
        }
    }

    @Test
    void submissionsPerSecondAndLatency() throws Exception {
        int rate = Integer.getInteger("benchmark.rate", 1000);
        int seconds = Integer.getInteger("benchmark.seconds", 10);
        int concurrency = Integer.getInteger("benchmark.concurrency", 64);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            tokens.add(DevStackTestResource.stack().mintToken("bench", "bench-" + run + "-" + t, Set.of(Roles.STORY_WRITER)));
        }
        long postmaster = postmasterPid();
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(target.getHost()).setDefaultPort(target.getPort())
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency * 2));
        try {
            long warmedUp = 0;
            int rounds = Integer.getInteger("benchmark.warmup-rounds", 8);
            for (int round = 1; round <= rounds; round++) {
                Run warm = closedLoop(http, tokens, Integer.getInteger("benchmark.warmup", 10_000), concurrency, "warm-up " + round, postmaster);
                warmedUp += warm.accepted();
                System.out.println("submission benchmark " + warm.summary() + "; " + unsent());
                if (warm.cpu().jitSettled()) {
                    break;
                }
            }
            // Twice: the first open loop also warms what the closed loops did not use (more connections at once).
            long openAccepted = 0;
            for (int round = 1; round <= 2; round++) {
                Run open = openLoop(http, tokens, rate, seconds, postmaster, round);
                openAccepted += open.accepted();
                System.out.println("submission benchmark " + open.summary() + "; " + unsent());
            }
            Run closed = closedLoop(http, tokens, rate * seconds, concurrency, "closed loop, " + concurrency + " in flight", postmaster);
            System.out.println("submission benchmark " + closed.summary() + "; " + unsent());
            long stored = storedStories("bench-" + run + "-%");
            long accepted = warmedUp + openAccepted + closed.accepted();
            System.out.printf("submission benchmark durability: %d accepted, %d stories in the database%n", accepted, stored);
            assertThat(stored).isEqualTo(accepted);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** {@code rate} requests a second for {@code seconds}, each sent when due whatever the answers so far. */
    private Run openLoop(HttpClient http, List<String> tokens, int rate, int seconds, long postmaster, int round) throws Exception {
        int total = rate * seconds;
        long[] nanos = new long[total];
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Map<Integer, Integer> others = new ConcurrentHashMap<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        CpuMark cpuAtStart = cpuMark(postmaster);
        long begin = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        Thread pacer = new Thread(() -> {
            driverThreads.add(Thread.currentThread().getId());
            for (int i = 0; i < total; i++) {
                long due = begin + i * periodNanos;
                // Sleeps rather than spins (a spinning pacer would take one of the two cores); a late wake-up
                // sends what is due at once, and its lateness is counted in the latency.
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                submit(http, tokens.get(i % tokens.size())).onComplete(result -> {
                    driverThreads.add(Thread.currentThread().getId());
                    nanos[index] = System.nanoTime() - due;
                    record(result.succeeded() ? result.result() : -1, accepted, others);
                    if (done.incrementAndGet() == total) {
                        finished.complete(null);
                    }
                });
            }
        }, "open-loop-pacer");
        pacer.start();
        finished.get(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(nanos);
        return new Run("open loop " + round + " at " + rate + "/s for " + seconds + " s", total, accepted.get(), Map.copyOf(others), elapsed, nanos,
                cpuAtStart.to(cpuMark(postmaster)));
    }

    /** {@code total} requests, {@code concurrency} in flight at all times. */
    private Run closedLoop(HttpClient http, List<String> tokens, int total, int concurrency, String name, long postmaster) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        Map<Integer, Integer> others = new ConcurrentHashMap<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        CpuMark cpuAtStart = cpuMark(postmaster);
        long begin = System.nanoTime();
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            long start = System.nanoTime();
            submit(http, tokens.get(i % tokens.size())).onComplete(result -> {
                driverThreads.add(Thread.currentThread().getId());
                latencies.add(System.nanoTime() - start);
                record(result.succeeded() ? result.result() : -1, accepted, others);
                if (done.incrementAndGet() == total) {
                    finished.complete(null);
                }
                worker[0].run();
            });
        };
        for (int c = 0; c < concurrency; c++) {
            worker[0].run();
        }
        finished.get(600, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long[] nanos = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Run(name, total, accepted.get(), Map.copyOf(others), elapsed, nanos, cpuAtStart.to(cpuMark(postmaster)));
    }

    private static void record(int status, AtomicInteger accepted, Map<Integer, Integer> others) {
        if (status == 202) {
            accepted.incrementAndGet();
        } else {
            others.merge(status, 1, Integer::sum);
        }
    }

    private io.vertx.core.Future<Integer> submit(HttpClient http, String token) {
        return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(target.getPath()).putHeader("authorization", "Bearer " + token)
                .putHeader("content-type", "application/json"))
                .compose(request -> request.send(Buffer.buffer(BODY)))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    private CpuMark cpuMark(long postmaster) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long driver = driverThreads.stream().mapToLong(threads::getThreadCpuTime).filter(nanos -> nanos > 0).sum();
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        // Artemis names its threads "activemq-…" or "Thread-N (activemq-…)"; a pool thread that ended meanwhile is missed.
        long broker = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds())).filter(info -> info != null
                && info.getThreadName().contains("activemq")).mapToLong(info -> threads.getThreadCpuTime(info.getThreadId()))
                .filter(nanos -> nanos > 0).sum();
        return new CpuMark(jvm / 1e9, driver / 1e9, broker / 1e9, jitTicks() / CLOCK_TICKS_PER_SECOND,
                postgresTicks(postmaster) / CLOCK_TICKS_PER_SECOND, Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** CPU ticks of HotSpot's compiler threads ("C1 CompilerThre", "C2 CompilerThre"), which no ThreadMXBean lists. */
    private static long jitTicks() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String[] stat = statFields(task.resolve("stat"));
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                } catch (IOException | StringIndexOutOfBoundsException gone) {
                    // a compiler thread that ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** CPU ticks of the postmaster, of its reaped children (connections closed so far) and of its live children. */
    private static long postgresTicks(long postmaster) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] stat;
                try {
                    stat = statFields(process.resolve("stat"));
                } catch (IOException | StringIndexOutOfBoundsException gone) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                // stat[1] is the parent; [11], [12] user and system time; [13], [14] those of reaped children.
                if (pid == postmaster) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                } else if (Long.parseLong(stat[1]) == postmaster) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                }
            }
        }
        return ticks;
    }

    /** The embedded PostgreSQL's postmaster: the parent of the backend serving a connection. */
    private static long postmasterPid() throws Exception {
        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return Long.parseLong(statFields(Path.of("/proc", Integer.toString(row.getInt(1)), "stat"))[1]);
        }
    }

    /** The fields of a /proc …/stat file after the parenthesised command name, which may itself hold spaces. */
    private static String[] statFields(Path stat) throws IOException {
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * Accepted stories whose enrichment command the relay has not sent yet, at the end of a run: a rate the relay
     * cannot follow shows here as a backlog that grows from run to run (and is worked off during the next one).
     */
    private static String unsent() throws Exception {
        try (Connection db = database(); ResultSet rows = db.createStatement().executeQuery(
                        "SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
            rows.next();
            return "outbox rows not yet sent at its end: " + rows.getLong(1);
        }
    }

    /** A JDBC connection to the devstack's PostgreSQL, beside the scheduler's own pool. */
    private static Connection database() throws Exception {
        Map<String, String> env = DevStackTestResource.stack().env();
        return DriverManager.getConnection(env.get("STARLOOM_DB_JDBC_URL"), env.get("STARLOOM_DB_USERNAME"), env.get("STARLOOM_DB_PASSWORD"));
    }

    private static long storedStories(String tenantPattern) throws Exception {
        try (Connection db = database(); PreparedStatement count = db.prepareStatement("SELECT count(*) FROM story WHERE tenant LIKE ?")) {
            count.setString(1, tenantPattern);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
