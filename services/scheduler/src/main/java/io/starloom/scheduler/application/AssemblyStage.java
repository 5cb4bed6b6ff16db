package io.starloom.scheduler.application;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/** Postprocess edits the generated clips into the film, at the profile's frame size and the film rate. */
@ApplicationScoped
public class AssemblyStage implements StageHandler {
    private final SchedulerConfig config;
    private final OutboxWriter outbox;
    private final ServedProfiles profiles;

    public AssemblyStage(SchedulerConfig config, OutboxWriter outbox, ServedProfiles profiles) {
        this.config = config;
        this.outbox = outbox;
        this.profiles = profiles;
    }

    @Override
    public Stage stage() {
        return Stage.ASSEMBLE;
    }

    @Override
    public Uni<Void> start(StoryEntity story) {
        return profiles.plan(story.profile).chain(profile -> {
            AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder()
                    .setStoryId(story.id.toString())
                    .setLanguage(story.language)
                    .setTitle(story.title == null ? "" : story.title)
                    .setOutput(profile.getFormat().toBuilder().setFps(config.film().fps()));
            return ShotEntity.ofStory(story.id).chain(shots -> {
                shots.forEach(shot -> command.addClips(ClipRef.newBuilder().setShotIndex(shot.index).setUri(shot.clipUri)
                        .setNarration(shot.narration).setDuration(Durations.fromMillis(shot.durationMillis))
                        .setAudioUri(shot.audioUri == null ? "" : shot.audioUri)));
                return outbox.add(Stage.ASSEMBLE, story.id, command.build());
            });
        });
    }

    @Override
    public Uni<StageOutcome> on(StoryEntity story, StoryEvent event) {
        FilmAssembled assembled = event.getFilmAssembled();
        story.film = assembled.getFilm().toByteArray();
        story.assembleMillis = Durations.toMillis(assembled.getAssembleDuration());
        return Uni.createFrom().item(StageOutcome.finished());
    }
}
