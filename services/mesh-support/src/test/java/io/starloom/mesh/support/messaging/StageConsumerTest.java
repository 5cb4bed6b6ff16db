package io.starloom.mesh.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Verdict;

class StageConsumerTest {
    private static final String STORY = "0b7e4a52-6a8e-4c53-9d1e-3f0a2b6c8d11";
    private static final Function<EnrichStoryCommand, StoryEvent.Builder> ALLOW = command -> StoryEvent.newBuilder()
            .setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW));

    /** What happened, in order: "sent", "ack", "nack: <message>". */
    private final List<String> log = new ArrayList<>();
    private final List<Message<byte[]>> sent = new ArrayList<>();
    private final EventSender accepting = event -> {
        sent.add(event);
        log.add("sent");
        return Uni.createFrom().voidItem();
    };
    private final StageConsumer<EnrichStoryCommand> consumer = new StageConsumer<>("enrichment",
            EnrichStoryCommand.getDefaultInstance(), accepting);

    @Test
    void reportsTheWorksEventThenAcks() throws Exception {
        long before = System.currentTimeMillis();

        handle(consumer, incoming(STORY, command(STORY)), ALLOW);

        assertThat(log).containsExactly("sent", "ack");
        StoryEvent event = eventOf(sent.get(0));
        assertThat(event.getStoryId()).isEqualTo(STORY);
        assertThat(Timestamps.toMillis(event.getOccurTime())).isBetween(before, System.currentTimeMillis());
        assertThat(event.getTextModerated().getVerdict()).isEqualTo(Verdict.VERDICT_ALLOW);
        OutgoingCloudEventMetadata<?> ce = sent.get(0).getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertThat(ce.getType()).isEqualTo("starloom.mesh.v1.StoryEvent");
        assertThat(ce.getSubject()).contains(STORY);
        assertThat(ce.getSource()).hasToString("/starloom/enrichment");
    }

    @Test
    void theEventContinuesTheCommandsTrace() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Context trace = TraceContext.fromTraceparent(traceparent).orElseThrow();

        handle(consumer, incoming(STORY, command(STORY)).addMetadata(TracingMetadata.withCurrent(trace)), ALLOW);

        Context carried = sent.get(0).getMetadata(TracingMetadata.class).orElseThrow().getCurrentContext();
        assertThat(TraceContext.traceparent(carried)).contains(traceparent);
        assertThat(org.jboss.logging.MDC.get(StageConsumer.STORY_ID_MDC)).isEqualTo(STORY);
    }

    @Test
    void anUntracedCommandGivesAnUntracedEvent() {
        handle(consumer, incoming(STORY, command(STORY)), ALLOW);

        assertThat(sent.get(0).getMetadata(TracingMetadata.class)).isEmpty();
        assertThat(TraceContext.fromTraceparent("00-zz-not-a-trace")).isEmpty();
    }

    @Test
    void givesTheWorkTheOpenedCommand() {
        List<EnrichStoryCommand> seen = new ArrayList<>();

        handle(consumer, incoming(STORY, command(STORY)), command -> {
            seen.add(command);
            return ALLOW.apply(command);
        });

        assertThat(seen).containsExactly(command(STORY));
    }

    @Test
    void asyncWorkIsReportedLikeSyncWork() throws Exception {
        consumer.handleAsync(incoming(STORY, command(STORY)), command -> Uni.createFrom().item(ALLOW.apply(command)))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(log).containsExactly("sent", "ack");
        assertThat(eventOf(sent.get(0)).getStoryId()).isEqualTo(STORY);
    }

    @Test
    void nacksAMessageOfAnotherType() {
        Message<byte[]> wrongType = incoming(ProtoEnvelope.wrap(UUID.randomUUID().toString(), "/starloom/scheduler", STORY,
                "starloom.mesh.v1.ModerateTextCommand", command(STORY).toByteArray()));

        handle(consumer, wrongType, ALLOW);

        assertThat(sent).isEmpty();
        assertThat(log).singleElement().asString().startsWith("nack").contains("is not a starloom.mesh.v1.EnrichStoryCommand");
    }

    @Test
    void nacksACommandForAnotherStoryThanItsSubject() {
        String other = "5d2c1f3e-7b4a-4e8f-9a6b-1c2d3e4f5a6b";

        handle(consumer, incoming(other, command(STORY)), ALLOW);

        assertThat(sent).isEmpty();
        assertThat(log).singleElement().asString().startsWith("nack").contains(other);
    }

    @Test
    void reportsAStageFailureAsAnEventAndAcks() throws Exception {
        handle(consumer, incoming(STORY, command(STORY)), command -> {
            throw new StageFailureException("TEXT_TOO_LONG", "the story has 5000 characters, at most 4000 are allowed");
        });

        assertThat(log).containsExactly("sent", "ack");
        StoryEvent event = eventOf(sent.get(0));
        assertThat(event.getStoryId()).isEqualTo(STORY);
        assertThat(event.hasOccurTime()).isTrue();
        StageFailed failed = event.getStageFailed();
        assertThat(failed.getStage()).isEqualTo("enrichment");
        assertThat(failed.getFailure().getDomain()).isEqualTo("enrichment.starloom.dev");
        assertThat(failed.getFailure().getReason()).isEqualTo("TEXT_TOO_LONG");
        assertThat(failed.getFailure().getMessage()).contains("at most 4000");
    }

    @Test
    void nacksWhenTheWorkFails() {
        handle(consumer, incoming(STORY, command(STORY)), command -> {
            throw new IllegalStateException("disk full");
        });

        assertThat(sent).isEmpty();
        assertThat(log).containsExactly("nack: disk full");
    }

    @Test
    void nacksWhenAsyncWorkFails() {
        consumer.handleAsync(incoming(STORY, command(STORY)),
                command -> Uni.createFrom().failure(new IllegalStateException("backend unreachable")))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(sent).isEmpty();
        assertThat(log).containsExactly("nack: backend unreachable");
    }

    @Test
    void nacksWhenTheWorkReturnsNoPayload() {
        handle(consumer, incoming(STORY, command(STORY)), command -> StoryEvent.newBuilder());

        assertThat(sent).isEmpty();
        assertThat(log).singleElement().asString().startsWith("nack").contains("no event payload");
    }

    @Test
    void nacksWhenTheBrokerRefusesTheEvent() {
        StageConsumer<EnrichStoryCommand> refused = new StageConsumer<>("enrichment", EnrichStoryCommand.getDefaultInstance(),
                event -> {
                    log.add("sent");
                    return Uni.createFrom().failure(new IllegalStateException("link detached"));
                });

        handle(refused, incoming(STORY, command(STORY)), ALLOW);

        assertThat(log).containsExactly("sent", "nack: link detached");
    }

    @Test
    void nacksWhenTheBrokerNeverAnswers() {
        // A send pending for good (the broker went away mid-send) must not hold the serial consumer forever.
        StageConsumer<EnrichStoryCommand> stalled = new StageConsumer<>("enrichment", EnrichStoryCommand.getDefaultInstance(),
                event -> {
                    log.add("sent");
                    return Uni.createFrom().nothing();
                }, Duration.ofMillis(200));

        handle(stalled, incoming(STORY, command(STORY)), ALLOW);

        assertThat(log).hasSize(2).startsWith("sent");
        assertThat(log.get(1)).startsWith("nack: no answer from the broker within");
    }

    @Test
    void refusesACommandTypeWithoutStoryId() {
        assertThatThrownBy(() -> new StageConsumer<>("enrichment", StageFailed.getDefaultInstance(), accepting))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("story_id");
    }

    private void handle(StageConsumer<EnrichStoryCommand> consumer, Message<byte[]> message,
            Function<EnrichStoryCommand, StoryEvent.Builder> work) {
        consumer.handle(message, work).await().atMost(Duration.ofSeconds(5));
    }

    private static EnrichStoryCommand command(String storyId) {
        return EnrichStoryCommand.newBuilder().setStoryId(storyId).setText("Orion hunts across the winter sky.").build();
    }

    /** The command as the consumer receives it from the broker, about {@code subject}. */
    private Message<byte[]> incoming(String subject, EnrichStoryCommand command) {
        return incoming(ProtoEnvelope.wrap(UUID.randomUUID().toString(), "/starloom/scheduler", subject, command));
    }

    /** The connector turns the sender's outgoing CloudEvents metadata into incoming metadata; so does this. */
    private Message<byte[]> incoming(Message<byte[]> outgoing) {
        OutgoingCloudEventMetadata<?> ce = outgoing.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        return Message.of(outgoing.getPayload(), Metadata.of(new DefaultIncomingCloudEventMetadata<>(ce)))
                .withAck(() -> {
                    log.add("ack");
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    log.add("nack: " + failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
    }

    private static StoryEvent eventOf(Message<byte[]> message) throws InvalidProtocolBufferException {
        return StoryEvent.parseFrom(message.getPayload());
    }
}
