package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.get;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.QuotaFailure;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotProgress;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.CancelShotRequest;
import io.starloom.proto.v1.Priority;
import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.application.ServedProfiles;
import io.starloom.scheduler.application.StoryChanges;
import io.starloom.scheduler.fleet.FleetConfig;
import io.starloom.scheduler.fleet.LeaseSweeper;
import io.starloom.scheduler.fleet.QueuePositions;
import io.starloom.scheduler.fleet.ShotDispatcher;
import io.starloom.scheduler.fleet.TenantPolicies;
import io.starloom.scheduler.messaging.DirectSends;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;
import io.starloom.scheduler.persistence.ShotEntity;

/**
 * The fleet half of scheduling against the real database and broker: workers are announced in worker_profile
 * (the heartbeat table) for a profile of this test's own, and their part is played with real events.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class FleetSchedulingTest {
    private static final String PROFILE = "fleet-sim";
    private static final String QUEUE = Queues.generation(PROFILE);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    IsolatedSessions sessions;
    @Inject
    FleetConfig fleet;
    @Inject
    TenantPolicies policies;
    @Inject
    ServedProfiles profiles;
    @Inject
    OutboxWriter outbox;
    @Inject
    DirectSends directSends;
    @Inject
    QueuePositions positions;
    @Inject
    StoryChanges changes;
    @Inject
    ShotDispatcher dispatcher;
    @Inject
    LeaseSweeper sweeper;
    @Inject
    MediaStore media;

    @GrpcClient("stories")
    StoryService stories;

    /** The workers leave, and a story a failed test left behind no longer holds one of the next test's workers. */
    @AfterEach
    void cleanUp() {
        workersLeave();
        sql(session -> session.createNativeQuery("UPDATE story SET state = 'CANCELED' WHERE profile = :p AND state IN ('QUEUED', 'GENERATING')")
                .setParameter("p", PROFILE).executeUpdate());
    }

    private void workersLeave() {
        sql(session -> session.createNativeQuery("DELETE FROM worker_profile WHERE profile = :p").setParameter("p", PROFILE).executeUpdate());
    }

    @Test
    void twoReplicasShareThreeWorkersFairlyAndNeverDispatchAShotTwice() {
        // Announced once and gone: the profile has workers, none free, so everything below waits in line.
        announce(3, Instant.now().minusSeconds(60));
        Map<String, String> tenantOf = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (String tenant : List.of("fleet-a", "fleet-a", "fleet-a", "fleet-b", "fleet-c")) {
            String id = queued(tenant, 6);
            tenantOf.put(id, tenant);
            ids.add(id);
        }
        Awaitility.await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> commands(ids).isEmpty());
        String token = Stories.token("fleet-c", Roles.STORY_READER);
        assertThat(get(token, ids.get(4)).getInt("scheduling.queuePosition")).as("behind the first shots of a and b").isEqualTo(2);
        assertThat(get(Stories.token("fleet-a", Roles.STORY_READER), ids.get(2)).getInt("scheduling.queuePosition"))
                .as("a's third story: after 6 rounds of a, b, c and a's other 6 shots").isEqualTo(24);
        assertThat(get(token, ids.get(4)).getString("scheduling.generationEta")).as("no worker is free").isNull();

        // The workers come back; a second dispatcher stands in for a second scheduler replica on the same database.
        announce(3, Instant.now().plusSeconds(3600));
        ShotDispatcher replica = new ShotDispatcher(fleet, policies, profiles, outbox, directSends, sessions, changes, positions);
        dispatcher.kick();
        replica.kick();
        List<GenerateShotCommand> sent = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<Long> gaps = new ArrayList<>();
        while (done.size() < 30) {
            int expected = Math.min(3, 30 - done.size());
            Awaitility.await().atMost(WAIT).until(() -> inFlight(ids) >= expected);
            assertThat(inFlight(ids)).as("never more shots out than free workers").isEqualTo(expected);
            List<GenerateShotCommand> now = commands(ids);
            sent.clear();
            sent.addAll(now);
            // The oldest shot out finishes first, as a worker would report it.
            GenerateShotCommand next = now.stream().filter(c -> !done.contains(key(c))).findFirst().orElseThrow();
            Instant reported = Instant.now();
            send(next.getStoryId(), StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(next.getShotIndex())
                    .setAttempt(next.getAttempt()).setClipUri("file:///m/" + key(next) + ".mp4")));
            done.add(key(next));
            Awaitility.await().atMost(WAIT).until(() -> shotState(next).equals("GENERATED"));
            replica.kick();
            if (now.size() < 30) {
                // From the worker's result leaving it to the next command committed for its GPU.
                Awaitility.await().atMost(WAIT).until(() -> commands(ids).size() > now.size());
                gaps.add(Duration.between(reported, newestCommandTime(ids)).toMillis());
            }
        }
        List<Long> sorted = gaps.stream().sorted().toList();
        System.out.printf("fleet test: result-to-next-dispatch over the broker and database, %d gaps: p50 %d ms, p99 %d ms%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
        assertThat(sent).hasSize(30);
        assertThat(sent).extracting(FleetSchedulingTest::key).doesNotHaveDuplicates();
        assertThat(sent).extracting(GenerateShotCommand::getAttempt).containsOnly(1);
        assertThat(sent.get(0).getLeaseRenewInterval().getSeconds()).isEqualTo(fleet.leaseRenewInterval().toSeconds());
        // Weighted fair sharing with equal weights: every round of three gives each tenant one shot while all three wait.
        List<String> order = sent.stream().map(c -> tenantOf.get(c.getStoryId())).toList();
        for (int round = 0; round < 6; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3)).as("round %d of %s", round, order)
                    .containsExactlyInAnyOrder("fleet-a", "fleet-b", "fleet-c");
        }
        assertThat(order.subList(18, 30)).containsOnly("fleet-a");
        for (String id : ids) {
            awaitState(Stories.token(tenantOf.get(id), Roles.STORY_READER), id, "ASSEMBLING");
            assertThat(outboxTo(Queues.POSTPROCESS_REQUESTS, id)).as("assembled exactly once").hasSize(1);
        }
    }

    @Test
    void aLostLeaseQueuesTheShotAgainAndTheLateResultOfTheOldAttemptIsIgnored() {
        announce(1, Instant.now().plusSeconds(3600));
        String id = queued("fleet-lease", 1);
        String token = Stories.token("fleet-lease", Roles.STORY_READER);
        Awaitility.await().atMost(WAIT).until(() -> get(token, id).getString("shots[0].state").equals("DISPATCHED"));
        send(id, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(0).setAttempt(1).setWorkerId("fleet-w0")));
        Awaitility.await().atMost(WAIT).until(() -> get(token, id).getString("shots[0].state").equals("RUNNING"));
        assertThat(lease(id)).isAfter(Instant.now().plus(fleet.leaseDuration()).minusSeconds(10));

        // The worker died: its lease runs out and the sweeper takes the shot back.
        expireLease(id);
        sessions.run(sweeper::expireAll).await().atMost(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> get(token, id).getInt("shots[0].attempt") == 2
                && get(token, id).getString("shots[0].state").equals("DISPATCHED"));
        assertThat(outboxTo(QUEUE, id)).extracting(row -> parse(row).getAttempt()).containsExactly(1, 2);

        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/late.mp4")));
        send(id, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(0).setAttempt(2).setWorkerId("fleet-w1")));
        Awaitility.await().atMost(WAIT).until(() -> get(token, id).getString("shots[0].state").equals("RUNNING"));
        Instant started = lease(id);
        send(id, StoryEvent.newBuilder().setShotProgress(ShotProgress.newBuilder().setShotIndex(0).setAttempt(2).setWorkerId("fleet-w1")));
        Awaitility.await().atMost(WAIT).until(() -> lease(id).isAfter(started));

        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(2).setClipUri("file:///m/0.mp4")));
        awaitState(token, id, "ASSEMBLING");
        assertThat(outboxTo(Queues.POSTPROCESS_REQUESTS, id)).hasSize(1);
        assertThat(outboxTo(Queues.POSTPROCESS_REQUESTS, id).get(0).payload).as("the clip of the current attempt")
                .asString().contains("file:///m/0.mp4").doesNotContain("late.mp4");
    }

    @Test
    void aShotWhoseLeaseRunsOutOnEveryAttemptFailsTheStory() {
        announce(1, Instant.now().plusSeconds(3600));
        String id = queued("fleet-lease", 1);
        String token = Stories.token("fleet-lease", Roles.STORY_READER);
        for (int attempt = 1; attempt <= 2; attempt++) {
            int current = attempt;
            Awaitility.await().atMost(WAIT).until(() -> get(token, id).getInt("shots[0].attempt") == current
                    && get(token, id).getString("shots[0].state").equals("DISPATCHED"));
            expireLease(id);
            sessions.run(sweeper::expireAll).await().atMost(WAIT);
        }
        var failed = awaitState(token, id, "FAILED");
        assertThat(failed.getString("failure.reason")).isEqualTo("SHOT_FAILED");
        assertThat(failed.getString("failure.message")).contains(LeaseSweeper.LEASE_EXPIRED).contains("2 attempt(s)");
    }

    @Test
    void aPriorityAboveTheEntitlementIsRefusedNamingTheField() {
        String plain = Stories.token("fleet-plain", Roles.STORY_WRITER);
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("text", "Vega", "priority", "interactive"))
                .when().post("/v1/stories").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("priority")).body("detail", containsString("standard"));
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("text", "Vega", "priority", "urgent"))
                .when().post("/v1/stories").then().statusCode(400).body("errors[0].field", equalTo("priority"));
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> withToken(plain).submitStory(SubmitStoryRequest
                .newBuilder().setText("Vega").setPriority(Priority.PRIORITY_INTERACTIVE).build()).await().atMost(WAIT));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(denied.getStatus().getDescription()).contains("priority");

        String vip = Stories.token("fleet-vip", Roles.STORY_WRITER);
        given().auth().oauth2(vip).contentType(ContentType.JSON).body(Map.of("text", "Vega", "priority", "interactive"))
                .when().post("/v1/stories").then().statusCode(202).body("scheduling.priority", equalTo("interactive"));
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("text", "Vega"))
                .when().post("/v1/stories").then().statusCode(202).body("scheduling.priority", equalTo("standard"));
    }

    @Test
    void aSpentGpuQuotaIsAnswered429WithRetryAfterAndQuotaFailure() throws Exception {
        String writer = Stories.token("fleet-quota", Roles.STORY_WRITER);
        String id = Stories.submit(writer, "Altair crosses the river.");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(writer, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        Awaitility.await().atMost(WAIT).until(() -> get(writer, id).getString("shots[0].state").equals("DISPATCHED"));
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/q.mp4")
                .setRenderDuration(com.google.protobuf.Duration.newBuilder().setSeconds(5))));
        awaitState(writer, id, "ASSEMBLING");

        String retryAfter = given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("text", "Vega"))
                .when().post("/v1/stories").then().statusCode(429).contentType("application/problem+json")
                .body("type", containsString("quota-exceeded")).body("title", containsString("gpu-seconds-per-day"))
                .body("detail", containsString("5 of its 3 GPU-seconds")).body("code", equalTo("QUOTA_GPU_SECONDS")).extract().header("Retry-After");
        given().auth().oauth2(writer).header("Accept-Language", "zh-Hans").contentType(ContentType.JSON).body(Map.of("text", "Vega"))
                .when().post("/v1/stories").then().statusCode(429).header("Content-Language", "zh").body("code", equalTo("QUOTA_GPU_SECONDS"))
                .body("title", equalTo("配额已用尽：gpu-seconds-per-day"))
                .body("detail", equalTo("租户 fleet-quota 今天（UTC）已渲染 5 GPU 秒，配额为 3 GPU 秒；配额在 UTC 午夜重置"));
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 86_400L);
        StatusRuntimeException exhausted = assertThrows(StatusRuntimeException.class, () -> withToken(writer)
                .submitStory(SubmitStoryRequest.newBuilder().setText("Vega").build()).await().atMost(WAIT));
        assertThat(exhausted.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        QuotaFailure quota = StatusProto.fromThrowable(exhausted).getDetailsList().stream().filter(any -> any.is(QuotaFailure.class))
                .findFirst().orElseThrow().unpack(QuotaFailure.class);
        assertThat(quota.getViolations(0).getSubject()).isEqualTo("tenant:fleet-quota");
        assertThat(quota.getViolations(0).getDescription()).startsWith("gpu-seconds-per-day");
    }

    @Test
    void aChangeAnnouncedByAnotherReplicaReachesThisReplicasWatchers() {
        UUID story = UUID.randomUUID();
        List<UUID> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        var watching = changes.of(story).subscribe().with(heard::add);
        try {
            // What another scheduler process sends after its commit (StoryNotifications), on its own connection.
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                sql(session -> session.createNativeQuery("SELECT CAST(pg_notify('starloom_story_changes', :payload) AS text)", String.class)
                        .setParameter("payload", "another-replica " + story).getSingleResult());
                assertThat(heard).contains(story);
            });
        } finally {
            watching.cancel();
        }
    }

    /** Submits a story of the test profile and plays enrichment and moderation until its shots wait in line. */
    private String queued(String tenant, int shots) {
        String token = Stories.token(tenant, Roles.STORY_WRITER);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion rises.", "profile", PROFILE))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(shots))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        awaitState(token, id, "QUEUED");
        return id;
    }

    @Test
    void aCanceledShotLeavesTheQueueStopsItsWorkerAndTheFilmIsMadeFromTheOthers() throws Exception {
        announce(1, Instant.now().plusSeconds(3600));
        String id = queued("fleet-cancel", 3);
        String writer = Stories.token("fleet-cancel", Roles.STORY_WRITER);
        Awaitility.await().atMost(WAIT).until(() -> get(writer, id).getString("shots[0].state").equals("DISPATCHED"));
        send(id, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(0).setAttempt(1).setWorkerId("fleet-w0")));
        Awaitility.await().atMost(WAIT).until(() -> get(writer, id).getString("shots[0].state").equals("RUNNING"));

        // Another tenant's story does not exist for the caller; a shot that is not the story's is named.
        String stranger = Stories.token("fleet-stranger", Roles.STORY_WRITER);
        given().auth().oauth2(stranger).when().post("/v1/stories/" + id + "/shots/1:cancel").then().statusCode(404);
        StatusRuntimeException hidden = assertThrows(StatusRuntimeException.class, () -> withToken(stranger)
                .cancelShot(CancelShotRequest.newBuilder().setStoryId(id).setShotIndex(1).build()).await().atMost(WAIT));
        assertThat(hidden.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        given().auth().oauth2(writer).when().post("/v1/stories/" + id + "/shots/3:cancel").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("shotIndex"));
        given().auth().oauth2(writer).when().post("/v1/stories/" + id + "/shots/first:cancel").then().statusCode(400)
                .body("errors[0].field", equalTo("shotIndex"));
        given().auth().oauth2(Stories.token("fleet-cancel", Roles.STORY_READER)).when().post("/v1/stories/" + id + "/shots/1:cancel")
                .then().statusCode(403);

        // A queued shot leaves the line; the running one is canceled over gRPC and its worker told to stop.
        given().auth().oauth2(writer).when().post("/v1/stories/" + id + "/shots/1:cancel").then().statusCode(200)
                .body("shots[1].state", equalTo("CANCELED")).body("shots[0].state", equalTo("RUNNING"));
        assertThat(withToken(writer).cancelShot(CancelShotRequest.newBuilder().setStoryId(id).setShotIndex(0).build()).await().atMost(WAIT)
                .getStory().getShots(0).getState()).isEqualTo(ShotState.SHOT_STATE_CANCELED);
        assertThat(media.exists(media.uriOf(MediaKey.shotStopped(id, 0)))).as("the running shot's worker reads this mark").isTrue();
        assertThat(media.exists(media.uriOf(MediaKey.shotStopped(id, 2)))).isFalse();

        // The freed worker takes shot 2; the canceled attempt's late result changes nothing.
        Awaitility.await().atMost(WAIT).until(() -> get(writer, id).getString("shots[2].state").equals("DISPATCHED"));
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/c0.mp4")));
        send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(2).setAttempt(1).setClipUri("file:///m/c2.mp4")));
        awaitState(writer, id, "ASSEMBLING");
        assertThat(get(writer, id).getString("shots[0].state")).isEqualTo("CANCELED");
        assertThat(commands(List.of(id))).extracting(GenerateShotCommand::getShotIndex).as("the queued shot was never sent").containsExactly(0, 2);
        List<OutboxEntity> assembly = outboxTo(Queues.POSTPROCESS_REQUESTS, id);
        assertThat(assembly).as("assembled exactly once").hasSize(1);
        assertThat(AssembleFilmCommand.parseFrom(assembly.get(0).payload).getClipsList()).extracting(ClipRef::getUri)
                .containsExactly("file:///m/c2.mp4");
        // A finished shot is kept as it is.
        given().auth().oauth2(writer).when().post("/v1/stories/" + id + "/shots/2:cancel").then().statusCode(200)
                .body("shots[2].state", equalTo("GENERATED")).body("state", equalTo("ASSEMBLING"));
    }

    @Test
    void aStoryWhoseEveryShotIsCanceledIsCanceled() {
        announce(1, Instant.now().minusSeconds(60));
        String id = queued("fleet-cancel-all", 1);
        String writer = Stories.token("fleet-cancel-all", Roles.STORY_WRITER);
        given().auth().oauth2(writer).when().post("/v1/stories/" + id + "/shots/0:cancel").then().statusCode(200)
                .body("state", equalTo("CANCELED")).body("shots[0].state", equalTo("CANCELED"));
        assertThat(commands(List.of(id))).isEmpty();
        assertThat(outboxTo(Queues.POSTPROCESS_REQUESTS, id)).isEmpty();
    }

    /** Workers of the test profile as their heartbeats would record them, announced until {@code expires}. */
    /**
     * The profile's workers replaced in one transaction: between a separate delete and insert, a periodic dispatch
     * would see a profile never announced and fall back to the test profile's capacity without workers.
     */
    private void announce(int workers, Instant expires) {
        byte[] spec = ModelProfile.newBuilder().setName(PROFILE).setFrameCount(81).setTypicalShotSeconds(10)
                .setFormat(VideoFormat.newBuilder().setWidth(832).setHeight(480).setFps(16)).build().toByteArray();
        sql(session -> {
            Uni<Integer> all = session.createNativeQuery("DELETE FROM worker_profile WHERE profile = :p").setParameter("p", PROFILE).executeUpdate();
            for (int i = 0; i < workers; i++) {
                String worker = "fleet-w" + i;
                all = all.chain(() -> session.createNativeQuery("INSERT INTO worker_profile (worker_id, profile, backend, spec, last_seen, expires_at)"
                        + " VALUES (:w, :p, 'sim', :spec, now(), :expires)").setParameter("w", worker).setParameter("p", PROFILE)
                        .setParameter("spec", spec).setParameter("expires", expires).executeUpdate());
            }
            return all;
        });
    }

    private void expireLease(String id) {
        sql(session -> session.createNativeQuery("UPDATE shot SET lease_expires_at = now() - INTERVAL '1 second' WHERE story_id = :s")
                .setParameter("s", UUID.fromString(id)).executeUpdate());
    }

    private Instant lease(String id) {
        return sql(session -> ShotEntity.<ShotEntity>findById(new ShotEntity.Key(UUID.fromString(id), 0)).map(shot -> shot.leaseExpiresAt));
    }

    private long inFlight(List<String> ids) {
        List<UUID> stories = ids.stream().map(UUID::fromString).toList();
        return sql(session -> ShotEntity.count("storyId in ?1 and state in ?2", stories,
                List.of(io.starloom.scheduler.domain.ShotStatus.DISPATCHED, io.starloom.scheduler.domain.ShotStatus.RUNNING)));
    }

    private String shotState(GenerateShotCommand command) {
        return sql(session -> ShotEntity.<ShotEntity>findById(new ShotEntity.Key(UUID.fromString(command.getStoryId()), command.getShotIndex()))
                .map(shot -> shot.state.name()));
    }

    /** Every generation command for these stories in the outbox, in the order they were written. */
    private List<GenerateShotCommand> commands(List<String> ids) {
        List<UUID> stories = ids.stream().map(UUID::fromString).toList();
        return sql(session -> OutboxEntity.<OutboxEntity>list("destination = ?1 and storyId in ?2 order by createdAt", QUEUE, stories))
                .stream().map(FleetSchedulingTest::parse).toList();
    }

    private Instant newestCommandTime(List<String> ids) {
        List<UUID> stories = ids.stream().map(UUID::fromString).toList();
        return sql(session -> OutboxEntity.<OutboxEntity>list("destination = ?1 and storyId in ?2 order by createdAt desc", QUEUE, stories))
                .get(0).createdAt;
    }

    private List<OutboxEntity> outboxTo(String destination, String id) {
        return sql(session -> OutboxEntity.list("destination = ?1 and storyId = ?2 order by createdAt", destination, UUID.fromString(id)));
    }

    private static GenerateShotCommand parse(OutboxEntity row) {
        try {
            return GenerateShotCommand.parseFrom(row.payload);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static String key(GenerateShotCommand command) {
        return command.getStoryId() + "/" + command.getShotIndex();
    }

    private <T> T sql(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.run(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> work.apply(session)))).await().atMost(WAIT);
    }

    private StoryService withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(stories, headers);
    }
}
