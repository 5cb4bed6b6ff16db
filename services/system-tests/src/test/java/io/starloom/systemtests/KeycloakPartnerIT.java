package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStack;
import io.starloom.devstack.DevStackOptions;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.StoryServiceGrpc;

/**
 * A partner on its own identity provider: a real Keycloak next to the devstack's issuer, both trusted by one
 * scheduler at once. Two tenants, a writer, a reader, a reviewer, an admin and a client-credentials backend of
 * the partner; the realm's signing key is rotated twice while the API is in use. The scheduler runs with the
 * shipped JWKS settings except the cache lifetime (10 s + a 5 s clean-up instead of 30 s + 10 s) and the reuse
 * of a verified token (5 s instead of 10 s) so that the "deleted key refused within the bound" check takes
 * seconds; the bound is the same sum either way.
 */
class KeycloakPartnerIT {
    private static final Duration KEY_TTL = Duration.ofSeconds(10);
    private static final Duration CLEAN_UP = Duration.ofSeconds(5);
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(5);
    /**
     * The longest a deleted key may still verify: cache lifetime + one clean-up pass + the reuse of a token
     * verified just before + a little scheduling slack.
     */
    private static final Duration DELETED_KEY_BOUND = KEY_TTL.plus(CLEAN_UP).plus(TOKEN_REUSE).plusSeconds(5);
    private static final int CONCURRENT = 8;

    private static Path work;
    private static Keycloak keycloak;
    private static DevStack stack;
    private static Process scheduler;
    private static Path schedulerLog;
    private static String api;
    private static ManagedChannel channel;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("starloom.repo.root", "../..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("starloom.keycloak.home", "target/keycloak/keycloak-26.5.6")).toAbsolutePath();
        work = Files.createDirectories(root.resolve("services/system-tests/target/keycloak-partner"));
        // Keycloak dominates the start-up: the devstack and the scheduler start meanwhile.
        CompletableFuture<Keycloak> starting = CompletableFuture.supplyAsync(() -> new Keycloak(home,
                root.resolve("deploy/keycloak/starloom-partner-realm.json"), work.resolve("logs/keycloak.log")));
        stack = DevStack.start(DevStackOptions.builder().stateDir(work.resolve("devstack")).build());
        keycloak = starting.join();
        System.out.printf("Keycloak ready in %d ms%n", keycloak.startupMillis());
        startScheduler(root);
        channel = NettyChannelBuilder.forTarget(URI.create(api).getAuthority()).usePlaintext().build();
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.destroy();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void partnerTokensWorkBesideTheDefaultIssuerAndSurviveTwoKeyRotations() throws Exception {
        String writerA = keycloak.userToken("tenant-a-portal", "writer-a");
        String story = submit(writerA, "Orion hunts the winter plain while the Pleiades flee.");

        // Roles mapped from the partner's realm roles, tenants from its tenant claim, over REST and gRPC.
        assertThat(status("GET", "/v1/stories/" + story, keycloak.userToken("tenant-a-portal", "reader-a"))).isEqualTo(200);
        assertThat(status("POST", "/v1/stories", keycloak.userToken("tenant-a-portal", "reader-a"))).isEqualTo(403);
        assertThat(status("GET", "/v1/stories/" + story, keycloak.userToken("tenant-a-portal", "reviewer-a"))).isEqualTo(403);
        assertThat(status("GET", "/v1/stories/" + story, keycloak.userToken("tenant-b-portal", "writer-b"))).isEqualTo(404);
        assertThat(status("GET", "/v1/stories/" + story, keycloak.userToken("tenant-b-portal", "admin-a"))).isEqualTo(200);
        String backend = keycloak.clientToken("tenant-a-backend");
        assertThat(status("GET", "/v1/stories/" + story, backend)).isEqualTo(200);
        submit(backend, "织女在银河那边织布，牛郎在河这边放牛。");
        assertThat(grpc(backend).getStory(GetStoryRequest.newBuilder().setStoryId(story).build()).getStory().getId()).isEqualTo(story);
        assertThat(grpcFailure(keycloak.userToken("tenant-b-portal", "writer-b"), story)).isEqualTo(Status.Code.NOT_FOUND);
        // A multivalued tenant claim is refused with the reason, not read as a tenant called "[tenant-a]".
        HttpResponse<String> multivalued = call("GET", "/v1/stories", keycloak.userToken("broken-portal", "writer-a"));
        assertThat(multivalued.statusCode()).isEqualTo(403);
        assertThat(multivalued.body()).contains("not a list");
        // The devstack issuer is trusted at the same time, but not for the partner's tenants.
        assertThat(status("GET", "/v1/stories", stack.mintToken("local", "local", Set.of(Roles.STORY_READER)))).isEqualTo(200);
        assertThat(status("GET", "/v1/stories/" + story, stack.mintToken("local", "tenant-a", Set.of(Roles.STORY_READER)))).isEqualTo(403);

        Map<String, String> original = keycloak.rs256Providers();
        assertThat(original).hasSize(1);
        String oldKeyToken = writerA;

        // Rotation 1: a new key signs from now on; the old one is deleted.
        String firstRotation = keycloak.addSigningKey("rotation-1", 200);
        long worst1 = assertNoBurst(keycloak.userToken("tenant-a-portal", "writer-a"), story);
        original.values().forEach(keycloak::deleteKeyProvider);
        long refusedAfter = millisUntilRefused(oldKeyToken, story);
        System.out.printf("rotation 1: worst latency of %d concurrent first requests with the new key %d ms; deleted key refused after %d ms%n",
                CONCURRENT, worst1, refusedAfter);
        assertThat(Duration.ofMillis(refusedAfter)).isLessThanOrEqualTo(DELETED_KEY_BOUND);

        // Tokens of an issuer nobody trusts and with key ids nobody published, just before the next rotation:
        // refused, without an introspection attempt, and without spending anything the rotation needs.
        String[] parts = keycloak.userToken("tenant-a-portal", "writer-a").split("\\.");
        String unknownKid = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"never-published\"}".getBytes()) + "." + parts[1] + "." + parts[2];
        for (int i = 0; i < 5; i++) {
            assertThat(status("GET", "/v1/stories", unknownKid)).isEqualTo(401);
        }
        String secondToken = keycloak.userToken("tenant-a-portal", "writer-a");

        // Rotation 2, within seconds of the first.
        keycloak.addSigningKey("rotation-2", 300);
        long worst2 = assertNoBurst(keycloak.userToken("tenant-a-portal", "writer-a"), story);
        keycloak.deleteKeyProvider(firstRotation);
        long refusedAfter2 = millisUntilRefused(secondToken, story);
        System.out.printf("rotation 2: worst latency %d ms; deleted key refused after %d ms%n", worst2, refusedAfter2);
        assertThat(Duration.ofMillis(refusedAfter2)).isLessThanOrEqualTo(DELETED_KEY_BOUND);
        assertThat(status("GET", "/v1/stories/" + story, backend)).as("a token signed before the rotation by a deleted key").isEqualTo(401);
        assertThat(status("GET", "/v1/stories/" + story, keycloak.clientToken("tenant-a-backend"))).isEqualTo(200);

        String log = Files.readString(schedulerLog);
        assertThat(log).doesNotContainIgnoringCase("introspection").doesNotContain(" ERROR ");
    }

    /** Fires concurrent first requests with a token of a key the scheduler has not seen: every one must pass. */
    private static long assertNoBurst(String token, String story) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<Future<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                calls.add(pool.submit(() -> {
                    long begin = System.nanoTime();
                    int code = status("GET", "/v1/stories/" + story, token);
                    return new long[] { code, (System.nanoTime() - begin) / 1_000_000 };
                }));
            }
            long worst = 0;
            for (Future<long[]> call : calls) {
                long[] result = call.get();
                assertThat(result[0]).as("a request with a token of the new key").isEqualTo(200);
                worst = Math.max(worst, result[1]);
            }
            return worst;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long millisUntilRefused(String token, String story) {
        long begin = System.nanoTime();
        long limit = begin + DELETED_KEY_BOUND.plusSeconds(10).toNanos();
        while (System.nanoTime() < limit) {
            int code = status("GET", "/v1/stories/" + story, token);
            if (code == 401) {
                return (System.nanoTime() - begin) / 1_000_000;
            }
            assertThat(code).isEqualTo(200);
            Mesh.sleep(250);
        }
        throw new AssertionError("a token signed by a deleted key was still accepted " + DELETED_KEY_BOUND.plusSeconds(10) + " later");
    }

    private static String submit(String token, String text) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(api + "/v1/stories"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static int status(String method, String path, String token) {
        return call(method, path, token).statusCode();
    }

    private static HttpResponse<String> call(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Orion\"}"));
        }
        return send(request.build());
    }

    private static StoryServiceGrpc.StoryServiceBlockingStub grpc(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return StoryServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Status.Code grpcFailure(String token, String story) {
        try {
            grpc(token).getStory(GetStoryRequest.newBuilder().setStoryId(story).build());
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        throw new AssertionError("the call was let through");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The scheduler alone (no stage is needed), trusting the devstack issuer and the partner's Keycloak. */
    private static void startScheduler(Path root) throws IOException {
        Path jar = root.resolve("services/scheduler/target/quarkus-app/quarkus-run.jar");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        api = "http://127.0.0.1:" + port;
        String partner = "-Dstarloom.identity.partners.acme.";
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                partner + "issuer=" + keycloak.issuer(),
                partner + "role-claim=realm_access/roles",
                partner + "tenants=tenant-a,tenant-b",
                partner + "role-mapping.partner-writer=" + Roles.STORY_WRITER,
                partner + "role-mapping.partner-reader=" + Roles.STORY_READER,
                partner + "role-mapping.partner-reviewer=" + Roles.REVIEWER,
                partner + "role-mapping.partner-admin=" + Roles.ADMIN,
                "-Dquarkus.oidc.jwks.cache-time-to-live=" + KEY_TTL.toSeconds() + "S",
                "-Dquarkus.oidc.jwks.clean-up-timer-interval=" + CLEAN_UP.toSeconds() + "S",
                "-Dstarloom.identity.verified-tokens.reuse=" + TOKEN_REUSE.toSeconds() + "S",
                // Only the scheduler runs here (the test is about tokens): accept stories for the configured profiles
                // although no worker announces one.
                "-Dstarloom.generation.require-served-profile=false",
                "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(stack.env("scheduler"));
        builder.environment().put("STARLOOM_MEDIA_ROOT", work.resolve("media").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("STARLOOM_WEBHOOKS_SECRET_KEY", Mesh.webhookKey(work));
        schedulerLog = work.resolve("logs/scheduler.log");
        Files.deleteIfExists(schedulerLog);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(schedulerLog.toFile()));
        scheduler = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(scheduler.isAlive()).as("scheduler running; see " + schedulerLog).isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(api + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Mesh.sleep(200);
        }
        throw new IllegalStateException("scheduler not ready; see " + schedulerLog);
    }
}
