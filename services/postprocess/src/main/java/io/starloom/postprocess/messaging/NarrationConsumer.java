package io.starloom.postprocess.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.NarrationLine;
import io.starloom.mesh.v1.SynthesizeNarrationCommand;
import io.starloom.postprocess.narration.Narrator;

/**
 * Speaks a story's narration while its shots render (the scheduler sends the command when generation
 * starts), so that assembly finds the audio in the media store. It answers nothing: whatever fails here is
 * logged and simply spoken again — or failed, naming the shot — by assembly, so every command is
 * acknowledged, and a body that is not a command is rejected to the dead-letter queue. Runs on worker
 * threads, apart from assembly's ordered one, so speech never waits behind an encoding.
 */
@ApplicationScoped
public class NarrationConsumer {
    private static final Logger LOG = Logger.getLogger(NarrationConsumer.class);

    private final Narrator narrator;

    public NarrationConsumer(Narrator narrator) {
        this.narrator = narrator;
    }

    @Incoming(Queues.NARRATION_REQUESTS)
    @Blocking(ordered = false)
    public Uni<Void> synthesize(Message<byte[]> message) {
        SynthesizeNarrationCommand command;
        try {
            command = SynthesizeNarrationCommand.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("rejecting a narration message that is no SynthesizeNarrationCommand: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        long started = System.nanoTime();
        int spoken = 0;
        for (NarrationLine line : command.getLinesList()) {
            if (line.getText().isBlank()) {
                continue;
            }
            try {
                narrator.narrate(command.getStoryId(), line.getShotIndex(), line.getText(), command.getLanguage(), command.getVoice());
                spoken++;
            } catch (RuntimeException e) {
                LOG.warnf("narration of shot %d of story %s not made ahead (assembly will retry): %s", line.getShotIndex(),
                        command.getStoryId(), e.getMessage());
            }
        }
        LOG.infof("story %s: %d narration line(s) spoken ahead of assembly in %d ms", command.getStoryId(), spoken,
                (System.nanoTime() - started) / 1_000_000);
        return Uni.createFrom().completionStage(message.ack());
    }
}
