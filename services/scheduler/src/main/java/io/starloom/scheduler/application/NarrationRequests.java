package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.NarrationLine;
import io.starloom.mesh.v1.SynthesizeNarrationCommand;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.persistence.OutboxEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Asks postprocess to speak a story's narration while its shots render, through the outbox in the same
 * transaction that dispatches the shots. No stage waits for it and nothing answers: assembly uses the
 * speech it finds and speaks whatever is missing, so a lost command only costs time.
 */
@ApplicationScoped
public class NarrationRequests {

    public Uni<Void> send(StoryEntity story, Storyboard storyboard) {
        SynthesizeNarrationCommand.Builder command = SynthesizeNarrationCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setLanguage(story.language)
                .setVoice(story.filmOptions().voice());
        for (Shot shot : storyboard.getShotsList()) {
            if (!shot.getNarration().isBlank()) {
                command.addLines(NarrationLine.newBuilder().setShotIndex(shot.getIndex()).setText(shot.getNarration()));
            }
        }
        if (command.getLinesCount() == 0) {
            return Uni.createFrom().voidItem();
        }
        OutboxEntity row = new OutboxEntity();
        row.id = UUID.randomUUID();
        row.destination = Queues.NARRATION_REQUESTS;
        row.type = SynthesizeNarrationCommand.getDescriptor().getFullName();
        row.storyId = story.id;
        row.payload = command.build().toByteArray();
        row.createdAt = Instant.now();
        return row.persist().replaceWithVoid();
    }
}
