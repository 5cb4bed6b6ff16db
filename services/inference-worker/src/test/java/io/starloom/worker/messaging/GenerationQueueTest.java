package io.starloom.worker.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.protobuf.util.Durations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.worker.media.DecodedClip;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonHelper;
import io.vertx.proton.ProtonReceiver;

/** The worker against the real broker: commands in, events out, one shot at a time. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"),
        restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerationQueueTest {
    private static final String PROFILE = "wan2.2-t2v-a14b-720p";
    private static final String QUEUE = Queues.generation(PROFILE);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Stands in for the scheduler: records every event the worker reports. */
    @ApplicationScoped
    public static class EventRecorder {
        final List<StoryEvent> events = new CopyOnWriteArrayList<>();
        /** The traceparent each event came with, by story (only with tracing on). */
        final Map<String, List<String>> traces = new ConcurrentHashMap<>();
        /** The AMQP group-id each event came with, by story: the broker keeps a story's events on one scheduler receiver. */
        final Map<String, List<String>> groups = new ConcurrentHashMap<>();

        @Incoming("test-scheduler-events")
        public CompletionStage<Void> record(Message<byte[]> message) throws Exception {
            StoryEvent event = StoryEvent.parseFrom(message.getPayload());
            events.add(event);
            groups.computeIfAbsent(event.getStoryId(), story -> new CopyOnWriteArrayList<>())
                    .add(message.getMetadata(IncomingAmqpMetadata.class).map(IncomingAmqpMetadata::getGroupId).orElse(null));
            TraceContext.of(message).flatMap(TraceContext::traceparent)
                    .ifPresent(traceparent -> traces.computeIfAbsent(event.getStoryId(), story -> new CopyOnWriteArrayList<>()).add(traceparent));
            return message.ack();
        }

        /** The group-id each of the story's events came with (through the client proxy: not a field read). */
        List<String> groups(String storyId) {
            return groups.getOrDefault(storyId, List.of());
        }

        /** The traceparents the story's events came with (only with tracing on). */
        List<String> traces(String storyId) {
            return traces.getOrDefault(storyId, List.of());
        }

        List<StoryEvent> of(String storyId) {
            return events.stream().filter(e -> e.getStoryId().equals(storyId)).toList();
        }

        List<StoryEvent.PayloadCase> kinds(String storyId) {
            return of(storyId).stream().map(StoryEvent::getPayloadCase).toList();
        }

        ShotGenerated awaitGenerated(String storyId, int count) {
            Awaitility.await().atMost(PATIENCE).until(() -> of(storyId).stream().filter(StoryEvent::hasShotGenerated).count() >= count);
            return of(storyId).stream().filter(StoryEvent::hasShotGenerated).reduce((a, b) -> b).orElseThrow().getShotGenerated();
        }
    }

    @Inject
    EventRecorder recorder;

    @Inject
    Vertx vertx;

    @Inject
    MediaStore store;

    @Test
    @Order(1)
    void rendersQueuedShotsOneAfterAnotherIntoPlayableClips() throws Exception {
        String story = UUID.randomUUID().toString();
        send(command(story, 0, 1, 320, 180, 17));
        send(command(story, 1, 1, 320, 180, 17));

        recorder.awaitGenerated(story, 2);
        assertThat(recorder.kinds(story)).as("the second shot starts only once the first is reported").containsExactly(
                StoryEvent.PayloadCase.SHOT_STARTED, StoryEvent.PayloadCase.SHOT_GENERATED,
                StoryEvent.PayloadCase.SHOT_STARTED, StoryEvent.PayloadCase.SHOT_GENERATED);
        StoryEvent started = recorder.of(story).get(0);
        assertThat(started.getShotStarted().getBackend()).isEqualTo("preview");
        assertThat(started.getShotStarted().getWorkerId()).isNotBlank();
        assertThat(started.hasOccurTime()).isTrue();
        assertThat(recorder.groups(story)).as("every event grouped by its story").hasSize(4).containsOnly(story);

        ShotGenerated first = recorder.of(story).get(1).getShotGenerated();
        assertThat(first.getShotIndex()).isZero();
        assertThat(first.getAttempt()).isEqualTo(1);
        assertThat(first.getBackend()).isEqualTo("preview");
        assertThat(first.getFrameCount()).isEqualTo(17);
        assertThat(Durations.toMillis(first.getRenderDuration())).isPositive();
        Path clip = Path.of(URI.create(first.getClipUri()));
        assertThat(clip).endsWith(Path.of("stories", story, "shots", "shot-000-a1.mp4"));
        DecodedClip decoded = DecodedClip.read(clip);
        assertThat(decoded.codec()).isEqualTo("h264");
        assertThat(decoded.width()).isEqualTo(320);
        assertThat(decoded.height()).isEqualTo(180);
        assertThat(decoded.frames()).hasSize(17);
        assertThat(DecodedClip.brightnessDeviation(decoded.frames().get(8))).isGreaterThan(5);
        try (var siblings = Files.list(clip.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind: each clip and its thumbnail")
                    .containsExactlyInAnyOrder("shot-000-a1.mp4", "shot-000-a1.thumb.jpg", "shot-001-a1.mp4", "shot-001-a1.thumb.jpg");
        }
    }

    @Test
    @Order(2)
    void aBusyWorkerLeavesTheNextCommandsToAnIdleOne() throws Exception {
        String story = UUID.randomUUID().toString();
        // A full 720p shot: seconds of work, so the worker is surely still busy when the others arrive.
        send(command(story, 0, 1, 1280, 720, 81));
        Awaitility.await().atMost(PATIENCE).until(() -> recorder.kinds(story).contains(StoryEvent.PayloadCase.SHOT_STARTED));

        List<GenerateShotCommand> taken = new CopyOnWriteArrayList<>();
        ProtonConnection idle = attachIdleWorker(2, taken);
        try {
            send(command(story, 1, 1, 320, 180, 17));
            send(command(story, 2, 1, 320, 180, 17));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> taken.size() == 2);
            assertThat(taken).extracting(GenerateShotCommand::getShotIndex).as("the busy worker held none in reserve")
                    .containsExactlyInAnyOrder(1, 2);
            assertThat(recorder.kinds(story)).doesNotContain(StoryEvent.PayloadCase.SHOT_GENERATED);
        } finally {
            vertx.runOnContext(ignored -> idle.close());
        }
        assertThat(recorder.awaitGenerated(story, 1).getShotIndex()).isZero();
        assertThat(recorder.of(story)).filteredOn(StoryEvent::hasShotStarted).hasSize(1);
    }

    @Test
    @Order(3)
    void aRedeliveredCommandReportsItsFinishedClipAgainWithoutRendering() throws Exception {
        String story = UUID.randomUUID().toString();
        GenerateShotCommand command = command(story, 3, 2, 320, 180, 17);
        send(command);
        ShotGenerated first = recorder.awaitGenerated(story, 1);
        Path clip = Path.of(URI.create(first.getClipUri()));
        assertThat(clip.getFileName()).hasToString("shot-003-a2.mp4");
        var written = Files.getLastModifiedTime(clip);

        send(command);
        ShotGenerated again = recorder.awaitGenerated(story, 2);
        assertThat(again.getClipUri()).isEqualTo(first.getClipUri());
        assertThat(again.getFrameCount()).isEqualTo(17);
        assertThat(Durations.toMillis(again.getRenderDuration())).as("nothing was rendered").isZero();
        assertThat(Files.getLastModifiedTime(clip)).isEqualTo(written);
    }

    @Test
    @Order(4)
    void anImpossibleCommandFailsTheShotForGoodAndLeavesTheQueue() {
        String story = UUID.randomUUID().toString();
        send(command(story, 0, 1, 333, 0, 0));
        Awaitility.await().atMost(PATIENCE).until(() -> recorder.kinds(story).contains(StoryEvent.PayloadCase.SHOT_FAILED));
        StoryEvent failed = recorder.of(story).get(0);
        assertThat(failed.getShotFailed().getFailure().getReason()).isEqualTo("INVALID_COMMAND");
        assertThat(failed.getShotFailed().getRetryable()).isFalse();
        assertThat(failed.getShotFailed().getFailure().getMessage()).contains("333x0", "frame_count 0");
        assertThat(recorder.kinds(story)).as("never started").containsExactly(StoryEvent.PayloadCase.SHOT_FAILED);
        Awaitility.await().atMost(PATIENCE).until(() -> DevStackTestResource.stack().brokerQueueCount(QUEUE) == 0);
    }

    @Test
    @Order(5)
    void anUnreadableCommandEndsInTheDeadLetterQueue() {
        long before = DevStackTestResource.stack().brokerQueueCount(Queues.DEAD_LETTER);
        DevStackTestResource.stack().brokerSend(QUEUE, new byte[] { (byte) 0xff, 0x01, 0x02 }, Map.of());
        Awaitility.await().atMost(PATIENCE)
                .until(() -> DevStackTestResource.stack().brokerQueueCount(Queues.DEAD_LETTER) == before + 1);
        assertThat(DevStackTestResource.stack().brokerQueueCount(QUEUE)).isZero();
    }

    @Test
    @Order(6)
    void aShotCommandUnderAnotherTypeIsNotRenderedAndEndsInTheDeadLetterQueue() {
        String story = UUID.randomUUID().toString();
        sendAndAwaitDeadLetter(command(story, 0, 1, 320, 180, 17), EnrichStoryCommand.getDescriptor().getFullName(), story);
        assertNothingRendered(story);
    }

    @Test
    @Order(7)
    void aShotCommandAboutAnotherStoryThanItsSubjectIsNotRenderedAndEndsInTheDeadLetterQueue() {
        String story = UUID.randomUUID().toString();
        sendAndAwaitDeadLetter(command(story, 0, 1, 320, 180, 17), GenerateShotCommand.getDescriptor().getFullName(),
                UUID.randomUUID().toString());
        assertNothingRendered(story);
    }

    @Test
    @Order(8)
    void isReadyOnlyWithItsQueueLink() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'generation-queue' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'generation-queue' }.data.address", equalTo(QUEUE));
    }

    @Test
    @Order(9)
    void takesShotsAgainAfterTheBrokerRestarted() {
        DevStackTestResource.stack().restartBroker();
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        String story = UUID.randomUUID().toString();
        send(command(story, 0, 1, 320, 180, 17));
        assertThat(recorder.awaitGenerated(story, 1).getFrameCount()).isEqualTo(17);
    }

    /** Sends {@code command} with the CloudEvents type and subject given, and waits until the broker dead-lettered it. */
    private static void sendAndAwaitDeadLetter(GenerateShotCommand command, String type, String subject) {
        long before = DevStackTestResource.stack().brokerQueueCount(Queues.DEAD_LETTER);
        DevStackTestResource.stack().meshSendAs(QUEUE, subject, type, command);
        Awaitility.await().atMost(PATIENCE)
                .until(() -> DevStackTestResource.stack().brokerQueueCount(Queues.DEAD_LETTER) == before + 1);
        assertThat(DevStackTestResource.stack().brokerQueueCount(QUEUE)).isZero();
    }

    private void assertNothingRendered(String story) {
        assertThat(recorder.of(story)).as("no event, not even ShotStarted").isEmpty();
        assertThat(store.exists(store.uriOf(MediaKey.clip(story, 0, 1)))).as("no clip").isFalse();
    }

    /** A second consumer on the generation queue, as an idle worker next to this one, granting {@code credit}. */
    private ProtonConnection attachIdleWorker(int credit, List<GenerateShotCommand> taken) throws Exception {
        var config = ConfigProvider.getConfig();
        CompletableFuture<ProtonConnection> attached = new CompletableFuture<>();
        vertx.runOnContext(ignored -> ProtonClient.create(vertx).connect(config.getValue("amqp-host", String.class),
                config.getValue("amqp-port", Integer.class), config.getValue("amqp-username", String.class),
                config.getValue("amqp-password", String.class), connected -> {
                    if (connected.failed()) {
                        attached.completeExceptionally(connected.cause());
                        return;
                    }
                    ProtonConnection connection = connected.result();
                    connection.openHandler(opened -> {
                        ProtonReceiver receiver = connection.createReceiver(QUEUE);
                        ((Source) receiver.getSource()).setCapabilities(Symbol.valueOf("queue"));
                        receiver.setPrefetch(0).setAutoAccept(false).handler((delivery, message) -> {
                            try {
                                taken.add(GenerateShotCommand.parseFrom(((Data) message.getBody()).getValue().asByteBuffer()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            ProtonHelper.accepted(delivery, true);
                        });
                        receiver.openHandler(linked -> {
                            receiver.flow(credit);
                            attached.complete(connection);
                        });
                        receiver.open();
                    }).open();
                }));
        return attached.get(10, TimeUnit.SECONDS);
    }

    private static GenerateShotCommand command(String story, int index, int attempt, int width, int height, int frames) {
        return GenerateShotCommand.newBuilder().setStoryId(story).setShotIndex(index).setAttempt(attempt)
                .setPrompt("Orion hunts on the winter plain").setSeed(1000 + index)
                .addConstellations("Ori").addConstellations("Lep")
                .setProfile(ModelProfile.newBuilder().setName(PROFILE).setFrameCount(frames)
                        .setFormat(VideoFormat.newBuilder().setWidth(width).setHeight(height).setFps(16)))
                .build();
    }

    private static void send(GenerateShotCommand command) {
        DevStackTestResource.stack().meshSend(QUEUE, command.getStoryId(), command);
    }
}
