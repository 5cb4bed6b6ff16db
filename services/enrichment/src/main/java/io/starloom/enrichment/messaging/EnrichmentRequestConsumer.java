package io.starloom.enrichment.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.google.protobuf.Timestamp;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.Failures;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.enrichment.domain.UnenrichableStoryException;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;

/**
 * Enriches each story the scheduler sends and reports back on the scheduler's event queue: the
 * storyboard, or a stage failure when the story cannot be enriched as it is. The command is
 * acknowledged only once the broker has accepted the event; a body that is no EnrichStoryCommand is
 * rejected and ends in the dead-letter queue. Planning is pure and sub-millisecond, so it stays on the
 * event loop. Idempotent: the same command always yields the same storyboard (seeds derive from the id).
 */
@ApplicationScoped
public class EnrichmentRequestConsumer {
    static final String SOURCE = "/starloom/enrichment";
    static final String STAGE = "enrichment";
    private static final Logger LOG = Logger.getLogger(EnrichmentRequestConsumer.class);

    private final StoryboardPlanner planner;
    private final MutinyEmitter<byte[]> events;

    public EnrichmentRequestConsumer(StoryboardPlanner planner, @Channel("scheduler-events") MutinyEmitter<byte[]> events) {
        this.planner = planner;
        this.events = events;
    }

    @Incoming("enrichment-requests")
    public Uni<Void> enrich(Message<byte[]> message) {
        EnrichStoryCommand command;
        try {
            command = ProtoEnvelope.open(message, EnrichStoryCommand.getDefaultInstance());
            if (command.getStoryId().isBlank()) {
                throw new MalformedMessageException("EnrichStoryCommand has no story_id");
            }
        } catch (MalformedMessageException e) {
            LOG.warnf("rejecting enrichment request (story %s) for the dead-letter queue: %s",
                    ProtoEnvelope.subjectOf(message).orElse("unknown"), e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        StoryEvent event = eventFor(command);
        return events.sendMessage(ProtoEnvelope.wrap(UUID.randomUUID().toString(), SOURCE, command.getStoryId(), event))
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not report story %s, the broker will redeliver the request: %s", command.getStoryId(), failure.getMessage());
                        return Uni.createFrom().completionStage(message.nack(failure));
                    }
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    private StoryEvent eventFor(EnrichStoryCommand command) {
        StoryEvent.Builder event = StoryEvent.newBuilder().setStoryId(command.getStoryId()).setOccurTime(now());
        try {
            StoryInput input = new StoryInput(command.getText(), command.getLanguage(), command.getStyle(), command.getStoryId());
            return event.setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(planner.plan(input))).build();
        } catch (UnenrichableStoryException e) {
            LOG.infof("story %s cannot be enriched: %s", command.getStoryId(), e.getMessage());
            return event.setStageFailed(StageFailed.newBuilder().setStage(STAGE).setFailure(Failures.of(STAGE, e.reason(), e.getMessage()))).build();
        }
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
}
