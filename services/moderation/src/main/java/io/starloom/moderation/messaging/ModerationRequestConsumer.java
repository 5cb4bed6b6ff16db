package io.starloom.moderation.messaging;

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
import io.starloom.moderation.domain.Judgement;
import io.starloom.moderation.domain.TextModerator;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;

/**
 * Judges every text of a story (its text, prompts and narration lines) and reports the verdict on the
 * scheduler's event queue: BLOCK when any text has a finding. Findings come text by text in command
 * order, each span a code-point offset into the text it was found in. A command without texts gets a
 * stage failure (nothing judged is never "allowed"); a body that is no ModerateTextCommand is rejected
 * and ends in the dead-letter queue. The command is acknowledged once the broker accepted the event.
 * Matching word lists is fast and pure, so it stays on the event loop.
 */
@ApplicationScoped
public class ModerationRequestConsumer {
    static final String SOURCE = "/starloom/moderation";
    static final String STAGE = "moderation";
    static final String NO_TEXT = "NO_TEXT";
    private static final Logger LOG = Logger.getLogger(ModerationRequestConsumer.class);

    private final TextModerator moderator;
    private final MutinyEmitter<byte[]> events;

    public ModerationRequestConsumer(TextModerator moderator, @Channel("scheduler-events") MutinyEmitter<byte[]> events) {
        this.moderator = moderator;
        this.events = events;
    }

    @Incoming("moderation-requests")
    public Uni<Void> moderate(Message<byte[]> message) {
        ModerateTextCommand command;
        try {
            command = ProtoEnvelope.open(message, ModerateTextCommand.getDefaultInstance());
            if (command.getStoryId().isBlank()) {
                throw new MalformedMessageException("ModerateTextCommand has no story_id");
            }
        } catch (MalformedMessageException e) {
            LOG.warnf("rejecting moderation request (story %s) for the dead-letter queue: %s",
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

    private StoryEvent eventFor(ModerateTextCommand command) {
        StoryEvent.Builder event = StoryEvent.newBuilder().setStoryId(command.getStoryId()).setOccurTime(now());
        if (command.getTextsCount() == 0) {
            return event.setStageFailed(StageFailed.newBuilder().setStage(STAGE)
                    .setFailure(Failures.of(STAGE, NO_TEXT, "the command carries no text to judge"))).build();
        }
        Judgement judgement = moderator.judge(command.getTextsList());
        if (!judgement.findings().isEmpty()) {
            LOG.infof("story %s blocked: %d finding(s)", command.getStoryId(), judgement.findings().size());
        }
        return event.setTextModerated(TextModerated.newBuilder()
                .setVerdict(judgement.verdict())
                .addAllFindings(judgement.findings())).build();
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
}
