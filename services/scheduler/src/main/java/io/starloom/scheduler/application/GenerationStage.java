package io.starloom.scheduler.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotProgress;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.fleet.FleetConfig;
import io.starloom.scheduler.fleet.ShotDispatcher;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * The inference workers render every shot, each attempt its own command: generation puts the shots in line
 * and {@link ShotDispatcher} sends them as GPUs free up. An attempt holds its shot under a lease that the
 * worker renews (ShotStarted, ShotProgress). A retryable failure, a lost lease included, is queued again after
 * a backoff up to {@code starloom.generation.max-attempts}; each generated clip is then screened frame by frame
 * ({@link FrameScreening}), and the stage is done once every shot is. Events about an attempt that is no
 * longer current change nothing.
 */
@ApplicationScoped
public class GenerationStage implements StageHandler {
    private static final Logger LOG = Logger.getLogger(GenerationStage.class);

    private final SchedulerConfig config;
    private final ServedProfiles profiles;
    private final FrameScreening frames;
    private final NarrationRequests narration;
    private final FleetConfig fleet;
    private final ShotDispatcher dispatcher;

    public GenerationStage(SchedulerConfig config, ServedProfiles profiles, FrameScreening frames, NarrationRequests narration,
            FleetConfig fleet, ShotDispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.fleet = fleet;
        this.profiles = profiles;
        this.frames = frames;
        this.narration = narration;
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
            // The narration is spoken while the shots render, not after the last one.
            Instant now = Instant.now();
            shots.forEach(shot -> queue(shot, now));
            return narration.send(story, storyboard);
        })).replaceWithVoid();
    }

    @Override
    public Uni<StageOutcome> on(StoryEntity story, StoryEvent event) {
        return switch (event.getPayloadCase()) {
            case SHOT_STARTED -> started(story, event.getShotStarted());
            case SHOT_GENERATED -> generated(story, event.getShotGenerated());
            case SHOT_FAILED -> failed(story, event.getShotFailed());
            case SHOT_PROGRESS -> progress(story, event.getShotProgress());
            case FRAMES_SCREENED -> frames.screened(story, event.getFramesScreened(), shot -> {
                queue(shot, Instant.now());
                return Uni.createFrom().voidItem();
            });
            default -> throw new IllegalArgumentException("generation does not handle " + event.getPayloadCase());
        };
    }

    /**
     * Puts the shot in line for its next attempt; {@link ShotDispatcher} sends it once a worker of the profile
     * is free and it is the tenant's turn, not before {@code notBefore} (a retry's backoff).
     */
    private static void queue(ShotEntity shot, Instant notBefore) {
        Instant now = Instant.now();
        shot.state = ShotStatus.QUEUED;
        shot.queuedAt = shot.queuedAt == null ? now : shot.queuedAt;
        shot.notBefore = notBefore.isAfter(now) ? notBefore : null;
        shot.leaseExpiresAt = null;
        shot.updatedAt = now;
    }

    private Uni<StageOutcome> started(StoryEntity story, ShotStarted started) {
        return currentShot(story, started.getShotIndex(), started.getAttempt()).map(shot -> {
            if (shot == null || shot.state != ShotStatus.DISPATCHED && shot.state != ShotStatus.RUNNING) {
                return StageOutcome.unchanged();
            }
            // Started again: the broker gave the same attempt to another worker after the first one died.
            shot.leaseExpiresAt = Instant.now().plus(fleet.leaseDuration());
            shot.workerId = started.getWorkerId();
            if (shot.state == ShotStatus.RUNNING) {
                return StageOutcome.unchanged();
            }
            shot.state = ShotStatus.RUNNING;
            shot.updatedAt = Instant.now();
            // Still one shot on that GPU: nothing for the dispatcher after this commit.
            dispatcher.nothingFreed();
            return StageOutcome.movedTo(StoryStatus.GENERATING);
        });
    }

    /** The worker still renders the attempt: it keeps the shot for another lease period. */
    private Uni<StageOutcome> progress(StoryEntity story, ShotProgress progress) {
        return currentShot(story, progress.getShotIndex(), progress.getAttempt()).map(shot -> {
            if (shot != null && (shot.state == ShotStatus.DISPATCHED || shot.state == ShotStatus.RUNNING)) {
                shot.leaseExpiresAt = Instant.now().plus(fleet.leaseDuration());
            }
            return StageOutcome.unchanged();
        });
    }

    private Uni<StageOutcome> generated(StoryEntity story, ShotGenerated generated) {
        return currentShot(story, generated.getShotIndex(), generated.getAttempt()).chain(shot -> {
            if (!holding(shot)) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            shot.state = ShotStatus.GENERATED;
            shot.clipUri = generated.getClipUri();
            shot.audioUri = generated.getAudioUri().isEmpty() ? null : generated.getAudioUri();
            shot.renderMillis = Durations.toMillis(generated.getRenderDuration());
            shot.updatedAt = Instant.now();
            // Its GPU is free: its next shot goes out with this commit (no later dispatch transaction).
            return frames.generated(story, shot).call(() -> dispatcher.refill(story.profile));
        });
    }

    private Uni<StageOutcome> failed(StoryEntity story, ShotFailed failed) {
        return currentShot(story, failed.getShotIndex(), failed.getAttempt()).chain(shot -> {
            if (!holding(shot)) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            String reason = failed.getFailure().getReason();
            // A worker that does not say the kind said at least whether another attempt may succeed.
            ShotFailureKind kind = failed.getKind() != ShotFailureKind.SHOT_FAILURE_KIND_UNSPECIFIED ? failed.getKind()
                    : failed.getRetryable() ? ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE : ShotFailureKind.SHOT_FAILURE_KIND_PERMANENT;
            // Regenerations for flagged frames are attempts too, but not failed ones.
            if (kind == ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE && shot.attempt - shot.regenerations < config.generation().maxAttempts()) {
                LOG.infof("story %s shot %d attempt %d failed (%s), retrying", story.id, shot.index, shot.attempt, reason);
                queue(shot, Instant.now().plus(backoff(shot.attempt - shot.regenerations)));
                return dispatcher.refill(story.profile).replaceWith(StageOutcome.changed());
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

    /** Before the retry that follows failed attempt {@code failed}: doubling from the base, capped. */
    private Duration backoff(int failed) {
        Duration wait = fleet.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, failed - 1)));
        return wait.compareTo(fleet.maxRetryBackoff()) > 0 ? fleet.maxRetryBackoff() : wait;
    }

    /**
     * Whether the event's attempt still holds its shot (dispatched or rendering). A shot queued again after a lost
     * lease keeps the attempt's number until the next one is dispatched, so the number alone does not tell a
     * superseded attempt's late result, or a second replica's report of the same lost lease, from a current one.
     */
    private static boolean holding(ShotEntity shot) {
        return shot != null && (shot.state == ShotStatus.DISPATCHED || shot.state == ShotStatus.RUNNING);
    }

    /** The shot if the event is about its current attempt; null for stale attempts and unknown shots. */
    private static Uni<ShotEntity> currentShot(StoryEntity story, int index, int attempt) {
        return ShotEntity.<ShotEntity>findById(new ShotEntity.Key(story.id, index))
                .map(shot -> shot != null && shot.attempt == attempt ? shot : null);
    }
}
