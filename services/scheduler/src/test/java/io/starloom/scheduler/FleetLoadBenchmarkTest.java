package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.message.Message;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.google.protobuf.util.Durations;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonDelivery;
import io.vertx.proton.ProtonHelper;
import io.vertx.proton.ProtonLinkOptions;
import io.vertx.proton.ProtonReceiver;
import io.vertx.proton.ProtonSender;

/**
 * End-to-end load on the real scheduler, broker and database: 8 simulated GPUs, each its own AMQP connection
 * taking shots from the generation queue with link credit 1 (as the worker does) and answering ShotStarted, then
 * ShotGenerated after a duration drawn from a skewed (log-normal) distribution; 1,000 shots from 20 equal-weight
 * tenants. Prints GPU busy fraction, idle gap (a worker's result sent → its next command received, while work
 * is queued), Jain's index over the tenants' dispatched shots while every tenant still waits, and makespan
 * against its lower bound. Run with -Dstarloom.benchmark=true (docs/benchmarks.md).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class FleetLoadBenchmarkTest {
    private static final String PROFILE = "fleet-sim";
    private static final int WORKERS = 8;
    private static final int TENANTS = 20;
    private static final int STORIES_PER_TENANT = 5;
    private static final int SHOTS_PER_STORY = 10;
    private static final int SHOTS = TENANTS * STORIES_PER_TENANT * SHOTS_PER_STORY;
    /** Log-normal: median 120 ms, sigma 0.6 (mean ≈ 144 ms, p99 ≈ 490 ms). */
    private static final double MEDIAN_MILLIS = 120;
    private static final double SIGMA = 0.6;

    @Inject
    IsolatedSessions sessions;

    /** What one simulated GPU did. */
    record Served(String worker, String storyId, int shot, long receivedNanos, long doneNanos, long millis) {
    }

    @Test
    void eightSimulatedGpusServeAThousandShotsFromTwentyTenants() throws Exception {
        announce(Instant.now().minusSeconds(60));
        Map<String, String> tenantOf = new HashMap<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = "load-t" + t;
            String token = Stories.token(tenant, Roles.STORY_WRITER);
            for (int s = 0; s < STORIES_PER_TENANT; s++) {
                String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion rises.", "profile", PROFILE))
                        .when().post("/v1/stories").then().statusCode(202).extract().path("id");
                tenantOf.put(id, tenant);
                send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(SHOTS_PER_STORY))));
            }
        }
        for (String id : tenantOf.keySet()) {
            awaitState(Stories.token(tenantOf.get(id), Roles.STORY_READER), id, "SCREENING");
            send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        }
        for (String id : tenantOf.keySet()) {
            awaitState(Stories.token(tenantOf.get(id), Roles.STORY_READER), id, "QUEUED");
        }

        Random random = new Random(42);
        Vertx vertx = Vertx.vertx();
        List<Served> served = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger received = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        List<ProtonConnection> connections = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            connections.add(simulatedGpu(vertx, "load-w" + w, random, served, received, seen, duplicates));
        }
        long start = System.nanoTime();
        announce(Instant.now().plusSeconds(3600));
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).conditionEvaluationListener(condition -> {
            if (condition.getElapsedTimeInMS() % 5000 < 200) {
                System.out.printf("fleet load: %d received, %d served after %d ms%n", received.get(), served.size(), condition.getElapsedTimeInMS());
            }
        }).until(() -> served.size() >= SHOTS);
        long end = System.nanoTime();
        for (String id : tenantOf.keySet()) {
            awaitState(Stories.token(tenantOf.get(id), Roles.STORY_READER), id, "ASSEMBLING");
        }
        connections.forEach(ProtonConnection::close);
        vertx.close();
        announce(Instant.now().minusSeconds(60));

        report(new ArrayList<>(served), tenantOf, start, end);
        assertThat(served).hasSize(SHOTS);
        assertThat(duplicates.get()).as("no shot dispatched twice").isZero();
    }

    private void report(List<Served> served, Map<String, String> tenantOf, long start, long end) {
        long first = served.stream().mapToLong(Served::receivedNanos).min().orElseThrow();
        long last = served.stream().mapToLong(Served::doneNanos).max().orElseThrow();
        double makespan = (last - first) / 1e6;
        double busy = served.stream().mapToLong(Served::millis).sum();
        double lowerBound = Math.max(busy / WORKERS, served.stream().mapToLong(Served::millis).max().orElseThrow());
        // Idle gaps: per worker, from a result to its next command, counted while shots were still undispatched.
        List<Long> receipts = served.stream().map(Served::receivedNanos).sorted().toList();
        long lastReceipt = receipts.get(receipts.size() - 1);
        List<Double> gaps = new ArrayList<>();
        Map<String, List<Served>> byWorker = new HashMap<>();
        served.forEach(s -> byWorker.computeIfAbsent(s.worker(), k -> new ArrayList<>()).add(s));
        for (List<Served> shots : byWorker.values()) {
            shots.sort((a, b) -> Long.compare(a.receivedNanos(), b.receivedNanos()));
            for (int i = 1; i < shots.size(); i++) {
                if (shots.get(i - 1).doneNanos() < lastReceipt) {
                    gaps.add((shots.get(i).receivedNanos() - shots.get(i - 1).doneNanos()) / 1e6);
                }
            }
        }
        Collections.sort(gaps);
        // Fairness while every tenant waits: dispatched shots per tenant until the first tenant has had all of its shots.
        Map<String, List<Long>> byTenant = new HashMap<>();
        served.forEach(s -> byTenant.computeIfAbsent(tenantOf.get(s.storyId()), k -> new ArrayList<>()).add(s.receivedNanos()));
        long window = byTenant.values().stream().mapToLong(times -> Collections.max(times)).min().orElseThrow();
        double sum = 0;
        double squares = 0;
        for (List<Long> times : byTenant.values()) {
            long count = times.stream().filter(t -> t <= window).count();
            sum += count;
            squares += (double) count * count;
        }
        double jain = sum * sum / (byTenant.size() * squares);
        System.out.printf("fleet load: %d shots, %d tenants, %d simulated GPUs (credit 1, AMQP), durations log-normal median %.0f ms sigma %.1f%n",
                served.size(), byTenant.size(), WORKERS, MEDIAN_MILLIS, SIGMA);
        System.out.printf("fleet load: GPU busy %.1f %%, idle gap p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d gaps)%n",
                100 * busy / (WORKERS * makespan), percentile(gaps, 0.50), percentile(gaps, 0.99), gaps.get(gaps.size() - 1), gaps.size());
        System.out.printf("fleet load: Jain's index %.4f over %d tenants (window %.0f ms), makespan %.0f ms vs lower bound %.0f ms (+%.1f %%)%n",
                jain, byTenant.size(), (window - first) / 1e6, makespan, lowerBound, 100 * (makespan / lowerBound - 1));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    /** One GPU: its own connection, a credit-1 receiver on the generation queue, a sender for its events. */
    private static ProtonConnection simulatedGpu(Vertx vertx, String worker, Random random, List<Served> served, AtomicInteger received,
            Set<String> seen, AtomicInteger duplicates) throws Exception {
        Map<String, String> env = DevStackTestResource.stack().env();
        CompletableFuture<ProtonConnection> ready = new CompletableFuture<>();
        vertx.runOnContext(ignored -> ProtonClient.create(vertx).connect(env.get("AMQP_HOST"), Integer.parseInt(env.get("AMQP_PORT")),
                env.get("AMQP_USERNAME"), env.get("AMQP_PASSWORD"), connected -> {
                    if (connected.failed()) {
                        ready.completeExceptionally(connected.cause());
                        return;
                    }
                    ProtonConnection connection = connected.result().setContainer(worker);
                    connection.openHandler(opened -> {
                        ProtonSender events = connection.createSender(Queues.SCHEDULER_EVENTS);
                        events.open();
                        String address = Queues.generation(PROFILE);
                        ProtonReceiver shots = connection.createReceiver(address, new ProtonLinkOptions().setLinkName(address + "-" + worker));
                        ((Source) shots.getSource()).setCapabilities(Symbol.valueOf("queue"));
                        shots.setPrefetch(0).setAutoAccept(false).handler((delivery, message) -> {
                            long receivedAt = System.nanoTime();
                            received.incrementAndGet();
                            GenerateShotCommand command = parse(message);
                            if (!seen.add(command.getStoryId() + "/" + command.getShotIndex())) {
                                duplicates.incrementAndGet();
                            }
                            long millis;
                            synchronized (random) {
                                millis = Math.max(1, Math.round(MEDIAN_MILLIS * Math.exp(SIGMA * random.nextGaussian())));
                            }
                            emit(events, command.getStoryId(), StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder()
                                    .setShotIndex(command.getShotIndex()).setAttempt(command.getAttempt()).setWorkerId(worker)));
                            vertx.setTimer(millis, id -> {
                                emit(events, command.getStoryId(), StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder()
                                        .setShotIndex(command.getShotIndex()).setAttempt(command.getAttempt())
                                        .setClipUri("file:///load/" + command.getStoryId() + "-" + command.getShotIndex() + ".mp4")
                                        .setRenderDuration(Durations.fromMillis(millis))));
                                long doneAt = System.nanoTime();
                                served.add(new Served(worker, command.getStoryId(), command.getShotIndex(), receivedAt, doneAt, millis));
                                ProtonHelper.accepted(delivery, true);
                                shots.flow(1);
                            });
                        });
                        shots.openHandler(linked -> {
                            shots.flow(1);
                            ready.complete(connection);
                        });
                        shots.open();
                    });
                    connection.open();
                }));
        return ready.get(30, TimeUnit.SECONDS);
    }

    private static void emit(ProtonSender events, String storyId, StoryEvent.Builder event) {
        Message message = ProtonHelper.message();
        message.setAddress(Queues.SCHEDULER_EVENTS);
        message.setBody(new Data(new Binary(event.setStoryId(storyId).build().toByteArray())));
        message.setApplicationProperties(new ApplicationProperties(Map.of(
                "cloudEvents:specversion", "1.0",
                "cloudEvents:id", UUID.randomUUID().toString(),
                "cloudEvents:source", "/starloom/load",
                ProtoEnvelope.TYPE_PROPERTY, StoryEvent.getDescriptor().getFullName(),
                ProtoEnvelope.SUBJECT_PROPERTY, storyId)));
        events.send(message);
    }

    /** The command, whichever section the sender put its bytes in (a Data section or an AMQP value). */
    private static GenerateShotCommand parse(Message message) {
        Binary binary = message.getBody() instanceof Data data ? data.getValue()
                : message.getBody() instanceof AmqpValue value && value.getValue() instanceof Binary inValue ? inValue : null;
        if (binary == null) {
            throw new IllegalStateException("a generation command without a binary body: " + message.getBody());
        }
        try {
            return GenerateShotCommand.parseFrom(com.google.protobuf.ByteString.copyFrom(binary.getArray(), binary.getArrayOffset(), binary.getLength()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 8 workers as their heartbeats would record them, announced until {@code expires}. */
    private void announce(Instant expires) {
        byte[] spec = ModelProfile.newBuilder().setName(PROFILE).setFrameCount(81).setTypicalShotSeconds(10)
                .setFormat(VideoFormat.newBuilder().setWidth(832).setHeight(480).setFps(16)).build().toByteArray();
        sessions.run(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM worker_profile WHERE profile = :p").setParameter("p", PROFILE).executeUpdate()
                .chain(() -> {
                    io.smallrye.mutiny.Uni<Integer> all = io.smallrye.mutiny.Uni.createFrom().item(0);
                    for (int i = 0; i < WORKERS; i++) {
                        String worker = "load-w" + i;
                        all = all.chain(() -> session.createNativeQuery("INSERT INTO worker_profile (worker_id, profile, backend, spec, last_seen,"
                                + " expires_at) VALUES (:w, :p, 'sim', :spec, now(), :expires)").setParameter("w", worker).setParameter("p", PROFILE)
                                .setParameter("spec", spec).setParameter("expires", expires).executeUpdate());
                    }
                    return all;
                })))).await().atMost(Duration.ofSeconds(30));
    }
}
