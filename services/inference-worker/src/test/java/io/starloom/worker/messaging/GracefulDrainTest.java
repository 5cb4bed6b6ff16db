package io.starloom.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.VideoFormat;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonHelper;
import io.vertx.proton.ProtonReceiver;

/**
 * What a pod's SIGTERM does to the worker (the shutdown observer drains before it closes the link): the shot
 * in hand is finished and reported, no further shot is taken, and the queued one stays for another worker.
 * With tracing on, the events of a shot continue the trace its command came with.
 * Its own application (a test profile) because the drained worker takes no more shots.
 */
@QuarkusTest
@TestProfile(GracefulDrainTest.SlowShots.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"),
        restrictToAnnotatedClass = false)
class GracefulDrainTest {
    /** The profile the worker serves by default, and so the queue it reads. */
    private static final String PROFILE = "wan2.2-t2v-a14b-720p";
    private static final String QUEUE = Queues.generation(PROFILE);
    private static final Duration RENDER_TIME = Duration.ofSeconds(4);
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    /** The sim backend: each shot takes a fixed, GPU-like time, long enough to shut down in the middle of it. */
    public static class SlowShots implements QuarkusTestProfile {
        static final Map<String, String> OVERRIDES = Map.of("starloom.worker.backend", "sim",
                "starloom.worker.sim.render-time", RENDER_TIME.toMillis() + "ms",
                // Tracing on (spans exported nowhere), to see the command's trace carried to its events.
                "quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");

        @Override
        public Map<String, String> getConfigOverrides() {
            return OVERRIDES;
        }
    }

    /** Quarkus leaves a profile's overrides behind as system properties, where plain config tests would read them. */
    @AfterAll
    static void forgetOverrides() {
        SlowShots.OVERRIDES.keySet().forEach(System::clearProperty);
    }

    @Inject
    GenerationQueueTest.EventRecorder recorder;

    @Inject
    GenerationQueueReceiver receiver;

    @Inject
    Vertx vertx;

    /** Before the drain below: a drained worker takes no shots. */
    @Test
    @Order(1)
    void aLongShotRenewsItsLeaseWhileItRenders() {
        String story = UUID.randomUUID().toString();
        send(command(story, 0).toBuilder().setLeaseRenewInterval(com.google.protobuf.Duration.newBuilder().setNanos(900_000_000)).build());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> recorder.kinds(story).contains(StoryEvent.PayloadCase.SHOT_GENERATED));
        List<StoryEvent.PayloadCase> kinds = recorder.kinds(story);
        assertThat(kinds.get(0)).isEqualTo(StoryEvent.PayloadCase.SHOT_STARTED);
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo(StoryEvent.PayloadCase.SHOT_GENERATED);
        assertThat(kinds.subList(1, kinds.size() - 1)).as("a 4 s render renews a 0.9 s lease interval several times")
                .hasSizeGreaterThanOrEqualTo(3).containsOnly(StoryEvent.PayloadCase.SHOT_PROGRESS);
        // Renewals stop with the shot.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> recorder.kinds(story).equals(kinds));
    }

    @Test
    @Order(2)
    void drainFinishesTheShotInHandAndLeavesTheNextOnTheQueue() throws Exception {
        String story = UUID.randomUUID().toString();
        GenerateShotCommand first = command(story, 0);
        DevStackTestResource.stack().brokerSend(QUEUE, first.toByteArray(), Map.of(
                ProtoEnvelope.TYPE_PROPERTY, first.getDescriptorForType().getFullName(), ProtoEnvelope.SUBJECT_PROPERTY, story,
                TraceContext.TRACEPARENT, "00-" + TRACE_ID + "-b7ad6b7169203331-01"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> recorder.kinds(story).contains(StoryEvent.PayloadCase.SHOT_STARTED));
        send(command(story, 1));

        long start = System.nanoTime();
        boolean drained = receiver.drain(Duration.ofSeconds(60));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(drained).isTrue();
        // The broker accepted the report before the drain returned; this test's own receiver gets it a moment later.
        Awaitility.await("the shot in hand was finished and reported").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(recorder.kinds(story))
                        .containsExactly(StoryEvent.PayloadCase.SHOT_STARTED, StoryEvent.PayloadCase.SHOT_GENERATED));
        assertThat(waited).as("the drain waited for the render").isGreaterThan(Duration.ofMillis(500));
        // The finished shot was accepted, not redelivered; the second one was never started here.
        Thread.sleep(RENDER_TIME.toMillis() + 1000);
        assertThat(recorder.kinds(story)).containsExactly(StoryEvent.PayloadCase.SHOT_STARTED, StoryEvent.PayloadCase.SHOT_GENERATED);
        assertThat(DevStackTestResource.stack().brokerQueueCount(QUEUE)).as("shot 1 waits for another worker").isEqualTo(1);
        assertThat(takeOne().getShotIndex()).isEqualTo(1);
        assertThat(recorder.traces(story)).as("both events continue the command's trace").hasSize(2)
                .allSatisfy(traceparent -> assertThat(traceparent).startsWith("00-" + TRACE_ID + "-"));
        assertThat(receiver.drain(Duration.ofSeconds(1))).as("an idle worker drains at once").isTrue();
    }

    /** Takes the next command off the generation queue as another worker would. */
    private GenerateShotCommand takeOne() throws Exception {
        var config = ConfigProvider.getConfig();
        CompletableFuture<GenerateShotCommand> taken = new CompletableFuture<>();
        vertx.runOnContext(ignored -> ProtonClient.create(vertx).connect(config.getValue("amqp-host", String.class),
                config.getValue("amqp-port", Integer.class), config.getValue("amqp-username", String.class),
                config.getValue("amqp-password", String.class), connected -> {
                    var connection = connected.result();
                    connection.openHandler(opened -> {
                        ProtonReceiver link = connection.createReceiver(QUEUE);
                        ((Source) link.getSource()).setCapabilities(Symbol.valueOf("queue"));
                        link.setPrefetch(0).setAutoAccept(false).handler((delivery, message) -> {
                            ProtonHelper.accepted(delivery, true);
                            try {
                                taken.complete(GenerateShotCommand.parseFrom(((Data) message.getBody()).getValue().asByteBuffer()));
                            } catch (Exception e) {
                                taken.completeExceptionally(e);
                            }
                            connection.close();
                        });
                        link.openHandler(linked -> link.flow(1)).open();
                    }).open();
                }));
        return taken.get(20, TimeUnit.SECONDS);
    }

    private static GenerateShotCommand command(String story, int index) {
        return GenerateShotCommand.newBuilder().setStoryId(story).setShotIndex(index).setAttempt(1)
                .setPrompt("Orion hunts on the winter plain").setSeed(7 + index).addConstellations("Ori")
                .setProfile(ModelProfile.newBuilder().setName(PROFILE).setFrameCount(17)
                        .setFormat(VideoFormat.newBuilder().setWidth(320).setHeight(180).setFps(16)))
                .build();
    }

    private static void send(GenerateShotCommand command) {
        DevStackTestResource.stack().meshSend(QUEUE, command.getStoryId(), command);
    }
}
