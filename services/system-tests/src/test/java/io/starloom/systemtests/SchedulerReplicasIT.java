package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.starloom.proto.v1.StoryServiceGrpc;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.WatchStoryRequest;
import io.starloom.proto.v1.WatchStoryResponse;

/**
 * Two scheduler replicas on one database and broker: stories submitted to either are dispatched once, a client
 * watching on one replica (gRPC WatchStory, SSE) sees what the other does, a worker that stalls mid-shot loses it
 * when its lease runs out, and when one replica is killed mid-run (kill -9) the other finishes every story, each
 * shot once in its film. The shots render on sim workers of their own profile; the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerReplicasIT {
    private static final String TENANT = "replicas";
    /** Four sentences, four shots: a few chances to catch a worker mid-shot. */
    private static final String FOUR_SHOTS = "Orion the hunter walks across the winter sky. His dog Sirius follows him."
            + " The scorpion rises in the east. Orion hides below the western sea.";
    private static Mesh mesh;
    private static FleetFaults fleet;

    @BeforeAll
    static void fleet() {
        mesh = Mesh.get();
        fleet = new FleetFaults(mesh).start(2, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void grpcWatchOnOneReplicaFollowsAStoryOfTheOtherAndOnlyForItsTenant() throws InterruptedException {
        String id = fleet.submit(mesh.url(FleetFaults.REPLICA), TENANT, FleetFaults.text(1));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", mesh.port("scheduler")).usePlaintext().build();
        try {
            List<StoryState> seen = new ArrayList<>();
            Iterator<WatchStoryResponse> watch = stories(channel, TENANT).withDeadlineAfter(3, TimeUnit.MINUTES)
                    .watchStory(WatchStoryRequest.newBuilder().setStoryId(id).build());
            watch.forEachRemaining(update -> {
                assertThat(update.getStory().getId()).isEqualTo(id);
                StoryState state = update.getStory().getState();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != state) {
                    seen.add(state);
                }
            });
            assertThat(seen).as("replica B's stream of a story submitted to replica A, through to its end")
                    .contains(StoryState.STORY_STATE_GENERATING).last().isEqualTo(StoryState.STORY_STATE_COMPLETED);
            assertThat(seen).as("states move forward only").isSorted();

            Iterator<WatchStoryResponse> foreign = stories(channel, "replicas-other").withDeadlineAfter(30, TimeUnit.SECONDS)
                    .watchStory(WatchStoryRequest.newBuilder().setStoryId(id).build());
            StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class, foreign::hasNext);
            assertThat(refused).as("another tenant's watch").isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * A worker frozen mid-shot (SIGSTOP: its AMQP connection stays open, no heartbeat, no ShotProgress) loses the
     * shot once the lease (15 s in the system tests, {@link Mesh#SHORT_LEASES}) runs out; attempt 2 goes to the
     * other worker after the retry backoff (2 s). Let go as soon as its shot is queued again, the frozen worker
     * finishes attempt 1 and reports it while the shot waits out the backoff still numbered 1, and that report
     * changes nothing: the film is ordered once, with attempt 2's clip.
     */
    @Test
    @Order(2)
    void aStalledWorkerLosesItsShotAndItsLateResultIsIgnored() {
        String id = fleet.submit(mesh.url(FleetFaults.REPLICA), TENANT, FOUR_SHOTS);
        FleetFaults.Stall stall = fleet.stallMidShot(List.of(id), Duration.ofMinutes(2));
        try {
            Awaitility.await("the frozen worker's shot taken back").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        FleetFaults.ShotRow shot = fleet.shot(id, stall.shot());
                        return shot.state().equals("QUEUED") || shot.attempt() > stall.attempt();
                    });
        } finally {
            mesh.resume(stall.worker());
        }
        Map<String, String> states = fleet.awaitFinal(List.of(id), Duration.ofMinutes(2));
        assertThat(states.get(id)).isEqualTo("COMPLETED");

        FleetFaults.ShotRow shot = fleet.shot(id, stall.shot());
        assertThat(shot.attempt()).as("one retry after the lost lease").isEqualTo(stall.attempt() + 1);
        // Which worker renders attempt 2 is the broker's choice: the other one, or the frozen one once it is free again.
        assertThat(shot.worker()).as("the worker that rendered attempt 2").startsWith("sim-worker-");
        assertThat(shot.clipUri()).endsWith("-a" + shot.attempt() + ".mp4");
        // Contains, not exactly: on a badly overloaded machine an event can take longer than a lease to be read.
        assertThat(fleet.leaseExpiries(List.of(id))).as("what the replicas' lease sweepers reported")
                .contains(id + "/" + stall.shot() + "#" + stall.attempt());
        Map<Integer, Instant> dispatched = fleet.dispatchTimes(id, stall.shot());
        assertThat(dispatched).containsOnlyKeys(stall.attempt(), stall.attempt() + 1);
        assertThat(Duration.between(dispatched.get(stall.attempt()), dispatched.get(stall.attempt() + 1)))
                .as("the retry waited for the lease (15 s) and the backoff (2 s)").isGreaterThanOrEqualTo(Duration.ofSeconds(17));

        // The frozen worker did finish the superseded attempt once it went on, and stored its clip...
        Path lateClip = mesh.mediaRoot().resolve("stories/" + id + "/shots/" + String.format("shot-%03d-a%d.mp4", stall.shot(), stall.attempt()));
        Awaitility.await("the superseded attempt's late clip").atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(lateClip));
        // ...but the film was ordered once, each shot once, with the new attempt's clip.
        FleetFaults.Audit audit = fleet.audit(List.of(id));
        assertThat(audit.assembledTwice()).isEmpty();
        assertThat(audit.duplicatedShots()).isEmpty();
        assertThat(audit.lostShots()).isEmpty();
        assertThat(audit.doubleDispatched()).isEmpty();
        assertThat(audit.attemptGaps()).isEmpty();
        assertThat(audit.filmClips().get(id + "/" + stall.shot())).as("the clip in the film's manifest").isEqualTo(shot.clipUri());
    }

    @Test
    @Order(3)
    void replicasShareTheWorkAndOneSurvivesTheOthersCrash() {
        String a = mesh.url(FleetFaults.REPLICA);
        String b = mesh.schedulerUrl();
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stories.add(fleet.submit(i % 2 == 0 ? a : b, TENANT, FleetFaults.text(i)));
        }
        String watched = stories.get(0);
        try (StoryEvents events = new StoryEvents(b, mesh.writerToken(TENANT), watched)) {
            // Replica A moves the story it was given; B's watcher hears of it through the database.
            Awaitility.await("replica B's events of a story of replica A").atMost(Duration.ofMinutes(2))
                    .until(() -> events.states().stream().distinct().count() >= 2);

            fleet.awaitDispatched(stories, 2, Duration.ofMinutes(2));
            mesh.kill(FleetFaults.REPLICA);

            Map<String, String> states = fleet.awaitFinal(stories, Duration.ofMinutes(4));
            assertThat(states).as("every story finishes on the surviving replica").allSatisfy((id, state) -> assertThat(state).isEqualTo("COMPLETED"));
            Awaitility.await("the watcher's last event").atMost(Duration.ofSeconds(10))
                    .until(() -> events.states().contains("COMPLETED"));
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.states()).as("a story of replica A, watched on replica B").contains("GENERATING", "COMPLETED");
        }

        FleetFaults.Audit audit = fleet.audit(stories);
        assertThat(audit.shots()).isGreaterThanOrEqualTo(stories.size());
        assertThat(audit.unfinishedShots()).isEmpty();
        assertThat(audit.doubleDispatched()).as("attempts dispatched more than once").isEmpty();
        assertThat(audit.attemptGaps()).isEmpty();
        assertThat(audit.lostShots()).as("shots missing from their film").isEmpty();
        assertThat(audit.duplicatedShots()).as("shots twice in their film").isEmpty();
        assertThat(audit.assembledTwice()).as("films ordered twice").isEmpty();
    }

    private static StoryServiceGrpc.StoryServiceBlockingStub stories(ManagedChannel channel, String tenant) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + mesh.writerToken(tenant));
        return StoryServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }
}
