package io.starloom.scheduler.application;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.FilmOptions;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Postprocess edits the generated clips into the film, at the profile's frame size shaped to the story's
 * aspect ratio and the film rate, with the storyboard's transitions, beats (chapters) and translation.
 */
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
        FilmOptions options = story.filmOptions();
        Storyboard storyboard = story.storyboard();
        return profiles.plan(story.profile).chain(profile -> {
            int[] size = options.frameSize(profile.getFormat().getWidth(), profile.getFormat().getHeight());
            AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder()
                    .setStoryId(story.id.toString())
                    .setLanguage(story.language)
                    .setTitle(story.title == null ? "" : story.title)
                    .setOutput(VideoFormat.newBuilder().setWidth(size[0]).setHeight(size[1]).setFps(config.film().fps()))
                    .setTranslationLanguage(storyboard.getTranslationLanguage())
                    .setVoice(options.voice())
                    .setBurnInSubtitles(options.burnInSubtitles())
                    .setStyle(story.style);
            return ShotEntity.ofStory(story.id).chain(shots -> {
                // A canceled shot is left out; the film is made from the others.
                shots.stream().filter(shot -> shot.state != ShotStatus.CANCELED).forEach(shot -> {
                    ClipRef.Builder clip = ClipRef.newBuilder().setShotIndex(shot.index).setUri(shot.clipUri)
                            .setNarration(shot.narration).setDuration(Durations.fromMillis(shot.durationMillis))
                            .setAudioUri(shot.audioUri == null ? "" : shot.audioUri);
                    if (shot.index < storyboard.getShotsCount()) {
                        Shot planned = storyboard.getShots(shot.index);
                        clip.setTransitionOut(planned.getTransitionOut()).setBeat(planned.getBeat())
                                .setNarrationTranslation(planned.getNarrationTranslation());
                    }
                    command.addClips(clip);
                });
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
