package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * ({@code -Dbenchmark.rate=1000 -Dbenchmark.seconds=10 -Dbenchmark.concurrency=64}).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "benchmark.submission", matches = "true")
class SubmissionLoadBenchmarkTest {
    private static final int TENANTS = 20;
    private static final String BODY = "{\"text\":\"Perseus rides to the rocks where Andromeda is chained; the sea monster rises from the waves.\"}";

    @TestHTTPResource("/v1/stories")
    URL target;

    record Run(String name, int sent, int accepted, Map<Integer, Integer> otherStatuses, double seconds, long[] sortedNanos) {
        double quantileMillis(double q) {
            return sortedNanos.length == 0 ? 0 : sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.round(q * (sortedNanos.length - 1)))] / 1e6;
        }

        String summary() {
            return String.format("%s: sent %d, accepted %d (%.0f/s), others %s; latency p50 %.1f ms p90 %.1f ms p99 %.1f ms max %.1f ms", name, sent,
                    accepted, accepted / seconds, otherStatuses, quantileMillis(0.5), quantileMillis(0.9), quantileMillis(0.99), quantileMillis(1));
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
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(target.getHost()).setDefaultPort(target.getPort())
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency * 2));
        try {
            Run warm = closedLoop(http, tokens, 2_000, concurrency, "warm-up");
            Run open = openLoop(http, tokens, rate, seconds);
            System.out.println("submission benchmark " + open.summary());
            Run closed = closedLoop(http, tokens, rate * seconds, concurrency, "closed loop, " + concurrency + " in flight");
            System.out.println("submission benchmark " + closed.summary());
            long stored = storedStories("bench-" + run + "-%");
            long accepted = (long) warm.accepted() + open.accepted() + closed.accepted();
            System.out.printf("submission benchmark durability: %d accepted, %d stories in the database%n", accepted, stored);
            assertThat(stored).isEqualTo(accepted);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** {@code rate} requests a second for {@code seconds}, each sent when due whatever the answers so far. */
    private Run openLoop(HttpClient http, List<String> tokens, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] nanos = new long[total];
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Map<Integer, Integer> others = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        long begin = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        Thread pacer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long due = begin + i * periodNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                int index = i;
                submit(http, tokens.get(i % tokens.size())).onComplete(result -> {
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
        return new Run("open loop at " + rate + "/s for " + seconds + " s", total, accepted.get(), Map.copyOf(others), elapsed, nanos);
    }

    /** {@code total} requests, {@code concurrency} in flight at all times. */
    private Run closedLoop(HttpClient http, List<String> tokens, int total, int concurrency, String name) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        Map<Integer, Integer> others = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        long begin = System.nanoTime();
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            long start = System.nanoTime();
            submit(http, tokens.get(i % tokens.size())).onComplete(result -> {
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
        return new Run(name, total, accepted.get(), Map.copyOf(others), elapsed, nanos);
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

    private static long storedStories(String tenantPattern) throws Exception {
        Map<String, String> env = DevStackTestResource.stack().env();
        try (Connection db = DriverManager.getConnection(env.get("STARLOOM_DB_JDBC_URL"), env.get("STARLOOM_DB_USERNAME"),
                env.get("STARLOOM_DB_PASSWORD")); PreparedStatement count = db.prepareStatement("SELECT count(*) FROM story WHERE tenant LIKE ?")) {
            count.setString(1, tenantPattern);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
