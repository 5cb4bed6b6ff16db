package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * The inference workers render every shot, each attempt its own command. A retryable failure is tried
 * again up to {@code starloom.generation.max-attempts}; the stage is done once every shot is generated.
 * Events about an attempt that is no longer current change nothing.
 */
@ApplicationScoped
public class GenerationStage implements StageHandler {
    private static final Logger LOG = Logger.getLogger(GenerationStage.class);

    private final SchedulerConfig config;
    private final OutboxWriter outbox;
    private final NarrationRequests narration;

    public GenerationStage(SchedulerConfig config, OutboxWriter outbox, NarrationRequests narration) {
        this.config = config;
        this.outbox = outbox;
        this.narration = narration;
    }

    @Override
    public Stage stage() {
        return Stage.GENERATE;
    }

    @Override
    public Uni<Void> start(StoryEntity story) {
        Storyboard storyboard = story.storyboard();
        // The narration is spoken while the shots render, not after the last one.
        return ShotEntity.ofStory(story.id).call(shots -> {
            Uni<Void> all = narration.send(story, storyboard);
            for (ShotEntity shot : shots) {
                all = all.call(() -> dispatch(story, storyboard, shot, 1));
            }
            return all;
        }).replaceWithVoid();
    }

    @Override
    public Uni<StageOutcome> on(StoryEntity story, StoryEvent event) {
        return switch (event.getPayloadCase()) {
            case SHOT_STARTED -> started(story, event.getShotStarted());
            case SHOT_GENERATED -> generated(story, event.getShotGenerated());
            case SHOT_FAILED -> failed(story, event.getShotFailed());
            default -> throw new IllegalArgumentException("generation does not handle " + event.getPayloadCase());
        };
    }

    private Uni<Void> dispatch(StoryEntity story, Storyboard storyboard, ShotEntity shot, int attempt) {
        Shot planned = storyboard.getShots(shot.index);
        shot.attempt = attempt;
        shot.state = ShotStatus.DISPATCHED;
        shot.updatedAt = Instant.now();
        SchedulerConfig.Profile profile = config.profiles().get(story.profile);
        return outbox.add(Stage.GENERATE, story.id, GenerateShotCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setShotIndex(shot.index)
                .setAttempt(attempt)
                .setPrompt(planned.getPrompt())
                .setNegativePrompt(storyboard.getNegativePrompt())
                .setSeed(planned.getSeed())
                .addAllConstellations(planned.getConstellationsList())
                .setProfile(ModelProfile.newBuilder().setName(story.profile).setFrameCount(profile.frames())
                        .setFormat(VideoFormat.newBuilder().setWidth(profile.width()).setHeight(profile.height()).setFps(profile.fps())))
                .build());
    }

    private Uni<StageOutcome> started(StoryEntity story, ShotStarted started) {
        return currentShot(story, started.getShotIndex(), started.getAttempt()).map(shot -> {
            if (shot == null || shot.state != ShotStatus.DISPATCHED) {
                return StageOutcome.unchanged();
            }
            shot.state = ShotStatus.RUNNING;
            shot.workerId = started.getWorkerId();
            shot.updatedAt = Instant.now();
            return StageOutcome.movedTo(StoryStatus.GENERATING);
        });
    }

    private Uni<StageOutcome> generated(StoryEntity story, ShotGenerated generated) {
        return currentShot(story, generated.getShotIndex(), generated.getAttempt()).chain(shot -> {
            if (shot == null || shot.state == ShotStatus.GENERATED) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            shot.state = ShotStatus.GENERATED;
            shot.clipUri = generated.getClipUri();
            shot.renderMillis = Durations.toMillis(generated.getRenderDuration());
            shot.updatedAt = Instant.now();
            return ShotEntity.ofStory(story.id).map(shots -> {
                if (!shots.stream().allMatch(s -> s.state == ShotStatus.GENERATED)) {
                    return StageOutcome.movedTo(StoryStatus.GENERATING);
                }
                story.generatedAt = shot.updatedAt;
                return StageOutcome.finished();
            });
        });
    }

    private Uni<StageOutcome> failed(StoryEntity story, ShotFailed failed) {
        return currentShot(story, failed.getShotIndex(), failed.getAttempt()).chain(shot -> {
            if (shot == null || shot.state == ShotStatus.GENERATED) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            String reason = failed.getFailure().getReason();
            if (failed.getRetryable() && shot.attempt < config.generation().maxAttempts()) {
                LOG.infof("story %s shot %d attempt %d failed (%s), retrying", story.id, shot.index, shot.attempt, reason);
                return dispatch(story, story.storyboard(), shot, shot.attempt + 1).replaceWith(StageOutcome.changed());
            }
            shot.state = ShotStatus.FAILED;
            shot.updatedAt = Instant.now();
            return Uni.createFrom().item(StageOutcome.failed(SchedulerFailure.SHOT_FAILED.because(
                    "shot " + (shot.index + 1) + " failed after " + shot.attempt + " attempt(s): " + reason + " "
                            + failed.getFailure().getMessage(),
                    Map.of("shot_index", String.valueOf(shot.index), "attempts", String.valueOf(shot.attempt), "worker_reason", reason))));
        });
    }

    /** The shot if the event is about its current attempt; null for stale attempts and unknown shots. */
    private static Uni<ShotEntity> currentShot(StoryEntity story, int index, int attempt) {
        return ShotEntity.<ShotEntity>findById(new ShotEntity.Key(story.id, index))
                .map(shot -> shot != null && shot.attempt == attempt ? shot : null);
    }
}
