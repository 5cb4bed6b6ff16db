package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * The inference workers render every shot, each attempt its own command. A retryable failure is tried
 * again up to {@code starloom.generation.max-attempts}; each generated clip is then screened frame by frame
 * ({@link FrameScreening}), and the stage is done once every shot is. Events about an attempt that is no
 * longer current change nothing.
 */
@ApplicationScoped
public class GenerationStage implements StageHandler {
    private static final Logger LOG = Logger.getLogger(GenerationStage.class);

    private final SchedulerConfig config;
    private final OutboxWriter outbox;
    private final ServedProfiles profiles;
    private final FrameScreening frames;

    public GenerationStage(SchedulerConfig config, OutboxWriter outbox, ServedProfiles profiles, FrameScreening frames) {
        this.config = config;
        this.outbox = outbox;
        this.profiles = profiles;
        this.frames = frames;
    }

    @Override
    public Stage stage() {
        return Stage.GENERATE;
    }

    /**
     * Estimates the generation first (shots × the profile's typical time and price) and keeps the estimate with
     * the story; a story over a cap fails here, before any shot reaches a worker.
     */
    @Override
    public Uni<Void> start(StoryEntity story) {
        Storyboard storyboard = story.storyboard();
        return profiles.plan(story.profile).chain(profile -> ShotEntity.ofStory(story.id).call(shots -> {
            GenerationEstimate estimate = GenerationEstimates.of(profile, shots.size());
            story.estimate = estimate.toByteArray();
            LOG.infof("story %s: %d shots of %s, %.1f s of video, ~%.0f s rendering on %s, US$%.2f", story.id, shots.size(), story.profile,
                    estimate.getVideoSeconds(), estimate.getRenderSeconds(), estimate.getTypicalHardware(), estimate.getPriceUsd());
            Optional<Failure> over = GenerationEstimates.overCap(estimate, config.generation());
            if (over.isPresent()) {
                story.end(StoryStatus.FAILED, over.get());
                LOG.infof("story %s failed before generation: %s", story.id, over.get().getMessage());
                return Uni.createFrom().voidItem();
            }
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ShotEntity shot : shots) {
                all = all.call(() -> dispatch(story, storyboard, shot, 1, profile));
            }
            return all;
        })).replaceWithVoid();
    }

    @Override
    public Uni<StageOutcome> on(StoryEntity story, StoryEvent event) {
        return switch (event.getPayloadCase()) {
            case SHOT_STARTED -> started(story, event.getShotStarted());
            case SHOT_GENERATED -> generated(story, event.getShotGenerated());
            case SHOT_FAILED -> failed(story, event.getShotFailed());
            case FRAMES_SCREENED -> frames.screened(story, event.getFramesScreened(),
                    shot -> profiles.plan(story.profile).chain(profile -> dispatch(story, story.storyboard(), shot, shot.attempt + 1, profile)));
            default -> throw new IllegalArgumentException("generation does not handle " + event.getPayloadCase());
        };
    }

    /** Sends the attempt to the generation queue of the story's profile, which only workers serving it read. */
    private Uni<Void> dispatch(StoryEntity story, Storyboard storyboard, ShotEntity shot, int attempt, ModelProfile profile) {
        Shot planned = storyboard.getShots(shot.index);
        shot.attempt = attempt;
        shot.state = ShotStatus.DISPATCHED;
        shot.updatedAt = Instant.now();
        return outbox.add(Stage.GENERATE, story.id, GenerateShotCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setShotIndex(shot.index)
                .setAttempt(attempt)
                .setPrompt(planned.getPrompt())
                .setNegativePrompt(storyboard.getNegativePrompt())
                .setSeed(FrameScreening.seed(planned.getSeed(), shot.regenerations))
                .addAllConstellations(planned.getConstellationsList())
                .setProfile(profile)
                .build(), Queues.generation(story.profile));
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
            if (shot == null || shot.state == ShotStatus.GENERATED || frames.done(shot)) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            shot.state = ShotStatus.GENERATED;
            shot.clipUri = generated.getClipUri();
            shot.audioUri = generated.getAudioUri().isEmpty() ? null : generated.getAudioUri();
            shot.renderMillis = Durations.toMillis(generated.getRenderDuration());
            shot.updatedAt = Instant.now();
            return frames.generated(story, shot);
        });
    }

    private Uni<StageOutcome> failed(StoryEntity story, ShotFailed failed) {
        return currentShot(story, failed.getShotIndex(), failed.getAttempt()).chain(shot -> {
            if (shot == null || shot.state == ShotStatus.GENERATED || frames.done(shot)) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            String reason = failed.getFailure().getReason();
            // A worker that does not say the kind said at least whether another attempt may succeed.
            ShotFailureKind kind = failed.getKind() != ShotFailureKind.SHOT_FAILURE_KIND_UNSPECIFIED ? failed.getKind()
                    : failed.getRetryable() ? ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE : ShotFailureKind.SHOT_FAILURE_KIND_PERMANENT;
            // Regenerations for flagged frames are attempts too, but not failed ones.
            if (kind == ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE && shot.attempt - shot.regenerations < config.generation().maxAttempts()) {
                LOG.infof("story %s shot %d attempt %d failed (%s), retrying", story.id, shot.index, shot.attempt, reason);
                return profiles.plan(story.profile).chain(profile -> dispatch(story, story.storyboard(), shot, shot.attempt + 1, profile))
                        .replaceWith(StageOutcome.changed());
            }
            shot.state = ShotStatus.FAILED;
            shot.updatedAt = Instant.now();
            Map<String, String> facts = Map.of("shot_index", String.valueOf(shot.index), "attempts", String.valueOf(shot.attempt),
                    "worker_reason", reason, "failure_kind", ProtoNames.shortName(kind));
            if (kind == ShotFailureKind.SHOT_FAILURE_KIND_CONTENT_REFUSED) {
                return Uni.createFrom().item(StageOutcome.rejected(SchedulerFailure.SHOT_CONTENT_REFUSED.because(
                        "shot " + (shot.index + 1) + " was refused by the model provider's content inspection: "
                                + failed.getFailure().getMessage(), facts)));
            }
            return Uni.createFrom().item(StageOutcome.failed(SchedulerFailure.SHOT_FAILED.because(
                    "shot " + (shot.index + 1) + " failed after " + shot.attempt + " attempt(s): " + reason + " "
                            + failed.getFailure().getMessage(), facts)));
        });
    }

    /** The shot if the event is about its current attempt; null for stale attempts and unknown shots. */
    private static Uni<ShotEntity> currentShot(StoryEntity story, int index, int attempt) {
        return ShotEntity.<ShotEntity>findById(new ShotEntity.Key(story.id, index))
                .map(shot -> shot != null && shot.attempt == attempt ? shot : null);
    }
}
