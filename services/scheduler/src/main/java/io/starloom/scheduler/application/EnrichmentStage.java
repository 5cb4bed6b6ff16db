package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.fleet.FleetConfig;
import io.starloom.scheduler.messaging.DirectSends;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/** Enrichment turns the story's text into its storyboard; the scheduler keeps it and plans the shots. */
@ApplicationScoped
public class EnrichmentStage implements StageHandler {
    private final OutboxWriter outbox;
    private final DirectSends directSends;
    private final FleetConfig fleet;
    private final ServedProfiles profiles;

    public EnrichmentStage(OutboxWriter outbox, DirectSends directSends, FleetConfig fleet, ServedProfiles profiles) {
        this.outbox = outbox;
        this.directSends = directSends;
        this.fleet = fleet;
        this.profiles = profiles;
    }

    @Override
    public Stage stage() {
        return Stage.ENRICH;
    }

    @Override
    public Uni<Void> start(StoryEntity story) {
        EnrichStoryCommand.Builder command = EnrichStoryCommand.newBuilder().setStoryId(story.id.toString())
                .setText(story.text).setLanguage(story.language).setStyle(story.style);
        if (story.seed != null) {
            command.setSeed(story.seed.intValue());
        }
        if (story.targetSeconds != null) {
            command.getOptionsBuilder().setTargetSeconds(story.targetSeconds);
        }
        if (ProtoNames.isSpecified(story.translationLanguage)) {
            command.getOptionsBuilder().setTranslationLanguage(story.translationLanguage);
        }
        if (story.editedStoryboard != null) {
            // From the row, so a redelivery or a restart films the same edit.
            command.setEditedStoryboard(story.editedStoryboard());
        }
        return profiles.plan(story.profile).map(EnrichmentStage::shotSeconds)
                // Neither announced nor configured (a deployment whose workers announce later): enrichment's own shot length.
                .onFailure(IllegalStateException.class).recoverWithItem(0)
                // In the trace the story was submitted in: the story's transaction may run on another context (GroupCommit).
                // Sent by the transaction that accepted the story, right after its commit; the relay only if that failed.
                .chain(seconds -> outbox.addForDirectSend(Stage.ENRICH, story.id, command.setShotSeconds(seconds).build(), Stage.ENRICH.queue(),
                        story.traceparent, Instant.now().plus(fleet.directSendHold())))
                .invoke(directSends::afterCommit).replaceWithVoid();
    }

    /** Seconds of video one call of the profile makes, which enrichment sizes each shot to. */
    static int shotSeconds(ModelProfile profile) {
        int fps = profile.getFormat().getFps();
        return fps <= 0 || profile.getFrameCount() <= 0 ? 0 : Math.max(1, Math.round((float) profile.getFrameCount() / fps));
    }

    @Override
    public Uni<StageOutcome> on(StoryEntity story, StoryEvent event) {
        Storyboard storyboard = event.getStoryEnriched().getStoryboard();
        if (storyboard.getShotsCount() == 0) {
            return Uni.createFrom().item(StageOutcome.failed(SchedulerFailure.ENRICHMENT_EMPTY.because("the storyboard has no shots")));
        }
        Instant now = Instant.now();
        story.plan(storyboard);
        story.title = storyboard.getTitle();
        if (story.language == Language.LANGUAGE_UNSPECIFIED) {
            story.language = storyboard.getLanguage();
        }
        story.enrichedAt = now;
        List<ShotEntity> shots = new ArrayList<>();
        for (Shot planned : storyboard.getShotsList()) {
            ShotEntity shot = new ShotEntity();
            shot.storyId = story.id;
            shot.index = planned.getIndex();
            shot.state = ShotStatus.QUEUED;
            shot.attempt = 0;
            shot.narration = planned.getNarration();
            shot.durationMillis = Durations.toMillis(planned.getDuration());
            shot.updatedAt = now;
            shots.add(shot);
        }
        return ShotEntity.persist(shots).replaceWith(StageOutcome.finished());
    }
}
