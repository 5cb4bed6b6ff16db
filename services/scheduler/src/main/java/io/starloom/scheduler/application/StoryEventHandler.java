package io.starloom.scheduler.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.proto.v1.Language;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.proto.v1.Shot;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.proto.v1.ShotState;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Storyboard;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.StoryStates;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Moves a story through its lifecycle as the stages report back. Each event is one transaction on the
 * locked story row, so events of one story never race. Handlers are idempotent: an event for a state or
 * an attempt the story has already left changes nothing.
 */
@ApplicationScoped
public class StoryEventHandler {
    private static final Logger LOG = Logger.getLogger(StoryEventHandler.class);

    private final SchedulerConfig config;
    private final OutboxWriter outbox;
    private final StoryChanges changes;

    public StoryEventHandler(SchedulerConfig config, OutboxWriter outbox, StoryChanges changes) {
        this.config = config;
        this.outbox = outbox;
        this.changes = changes;
    }

    public Uni<Void> handle(UUID storyId, StoryEvent event) {
        return Panache.withTransaction(() -> StoryEntity.<StoryEntity>findById(storyId, LockModeType.PESSIMISTIC_WRITE)
                .chain(story -> {
                    if (story == null) {
                        LOG.warnf("event %s for unknown story %s ignored", event.getPayloadCase(), storyId);
                        return Uni.createFrom().item(false);
                    }
                    if (StoryStates.isFinal(story.state)) {
                        LOG.debugf("event %s for finished story %s ignored", event.getPayloadCase(), storyId);
                        return Uni.createFrom().item(false);
                    }
                    return apply(story, event);
                }))
                .call(changed -> changed ? changes.committed(storyId) : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    /** A message about this story died in the dead-letter queue: the story cannot finish. */
    public Uni<Void> deadLettered(UUID storyId, String where) {
        return Panache.withTransaction(() -> StoryEntity.<StoryEntity>findById(storyId, LockModeType.PESSIMISTIC_WRITE)
                .map(story -> {
                    if (story == null || StoryStates.isFinal(story.state)) {
                        return false;
                    }
                    fail(story, "DEAD_LETTERED", "a message for this story could not be processed and was dead-lettered from " + where);
                    return true;
                }))
                .call(changed -> changed ? changes.committed(storyId) : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    private Uni<Boolean> apply(StoryEntity story, StoryEvent event) {
        return switch (event.getPayloadCase()) {
            case STORY_ENRICHED -> enriched(story, event.getStoryEnriched());
            case TEXT_MODERATED -> moderated(story, event.getTextModerated());
            case SHOT_STARTED -> started(story, event.getShotStarted());
            case SHOT_GENERATED -> generated(story, event.getShotGenerated());
            case SHOT_FAILED -> shotFailed(story, event.getShotFailed());
            case FILM_ASSEMBLED -> assembled(story, event.getFilmAssembled());
            case STAGE_FAILED -> stageFailed(story, event.getStageFailed());
            case PAYLOAD_NOT_SET -> {
                LOG.warnf("empty event for story %s ignored", story.id);
                yield Uni.createFrom().item(false);
            }
        };
    }

    private Uni<Boolean> enriched(StoryEntity story, StoryEnriched enriched) {
        if (story.state != StoryState.STORY_STATE_ENRICHING) {
            return Uni.createFrom().item(false);
        }
        Storyboard storyboard = enriched.getStoryboard();
        if (storyboard.getShotsCount() == 0) {
            fail(story, "ENRICHMENT_EMPTY", "the storyboard has no shots");
            return Uni.createFrom().item(true);
        }
        Instant now = Instant.now();
        story.storyboard = storyboard.toByteArray();
        story.title = storyboard.getTitle();
        if (story.language == Language.LANGUAGE_UNSPECIFIED) {
            story.language = storyboard.getLanguage();
        }
        story.state = StoryState.STORY_STATE_SCREENING;
        story.enrichedAt = now;
        story.updatedAt = now;
        List<ShotEntity> shots = new ArrayList<>();
        ModerateTextCommand.Builder screening = ModerateTextCommand.newBuilder().setStoryId(story.id.toString())
                .setLanguage(story.language).addTexts(story.text);
        for (Shot planned : storyboard.getShotsList()) {
            ShotEntity shot = new ShotEntity();
            shot.storyId = story.id;
            shot.index = planned.getIndex();
            shot.state = ShotState.SHOT_STATE_QUEUED;
            shot.attempt = 0;
            shot.narration = planned.getNarration();
            shot.durationMillis = planned.getDuration().getSeconds() * 1000 + planned.getDuration().getNanos() / 1_000_000;
            shot.updatedAt = now;
            shots.add(shot);
            screening.addTexts(planned.getPrompt()).addTexts(planned.getNarration());
        }
        return ShotEntity.persist(shots)
                .call(() -> outbox.add(Queues.MODERATION_REQUESTS, story.id, screening.build()))
                .replaceWith(true);
    }

    private Uni<Boolean> moderated(StoryEntity story, TextModerated verdict) {
        if (story.state != StoryState.STORY_STATE_SCREENING) {
            return Uni.createFrom().item(false);
        }
        story.screenedAt = Instant.now();
        if (verdict.getVerdict() != Verdict.VERDICT_ALLOW) {
            story.findings = verdict.toByteArray();
            story.state = StoryState.STORY_STATE_REJECTED;
            story.failureReason = "MODERATION_BLOCKED";
            story.failureMessage = "the story contains content that is not allowed ("
                    + verdict.getFindingsList().stream().map(f -> f.getCategory().name().replace("CATEGORY_", "").toLowerCase())
                            .distinct().reduce((a, b) -> a + ", " + b).orElse("unspecified") + ")";
            story.updatedAt = story.screenedAt;
            story.finishedAt = story.screenedAt;
            LOG.infof("story %s rejected by moderation: %s", story.id, story.failureMessage);
            return Uni.createFrom().item(true);
        }
        story.state = StoryState.STORY_STATE_QUEUED;
        story.updatedAt = story.screenedAt;
        return shots(story).call(shots -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ShotEntity shot : shots) {
                all = all.call(() -> dispatch(story, shot, 1));
            }
            return all;
        }).replaceWith(true);
    }

    private Uni<Void> dispatch(StoryEntity story, ShotEntity shot, int attempt) {
        Shot planned = storyboard(story).getShots(shot.index);
        shot.attempt = attempt;
        shot.state = ShotState.SHOT_STATE_DISPATCHED;
        shot.updatedAt = Instant.now();
        SchedulerConfig.Profile profile = config.profiles().get(story.profile);
        return outbox.add(Queues.GENERATION_REQUESTS, story.id, GenerateShotCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setShotIndex(shot.index)
                .setAttempt(attempt)
                .setPrompt(planned.getPrompt())
                .setNegativePrompt(storyboard(story).getNegativePrompt())
                .setSeed(planned.getSeed())
                .addAllConstellations(planned.getConstellationsList())
                .setProfile(ModelProfile.newBuilder().setName(story.profile).setFrameCount(profile.frames())
                        .setFormat(VideoFormat.newBuilder().setWidth(profile.width()).setHeight(profile.height()).setFps(profile.fps())))
                .build());
    }

    private Uni<Boolean> started(StoryEntity story, ShotStarted started) {
        return currentShot(story, started.getShotIndex(), started.getAttempt()).map(shot -> {
            if (shot == null || shot.state != ShotState.SHOT_STATE_DISPATCHED) {
                return false;
            }
            shot.state = ShotState.SHOT_STATE_RUNNING;
            shot.workerId = started.getWorkerId();
            shot.updatedAt = Instant.now();
            story.state = StoryState.STORY_STATE_GENERATING;
            story.updatedAt = shot.updatedAt;
            return true;
        });
    }

    private Uni<Boolean> generated(StoryEntity story, ShotGenerated generated) {
        return currentShot(story, generated.getShotIndex(), generated.getAttempt()).chain(shot -> {
            if (shot == null || shot.state == ShotState.SHOT_STATE_GENERATED) {
                return Uni.createFrom().item(false);
            }
            shot.state = ShotState.SHOT_STATE_GENERATED;
            shot.clipUri = generated.getClipUri();
            shot.renderMillis = Durations.toMillis(generated.getRenderDuration());
            shot.updatedAt = Instant.now();
            story.state = StoryState.STORY_STATE_GENERATING;
            story.updatedAt = shot.updatedAt;
            return shots(story).call(shots -> {
                if (!shots.stream().allMatch(s -> s.state == ShotState.SHOT_STATE_GENERATED)) {
                    return Uni.createFrom().voidItem();
                }
                story.state = StoryState.STORY_STATE_ASSEMBLING;
                story.generatedAt = shot.updatedAt;
                return outbox.add(Queues.POSTPROCESS_REQUESTS, story.id, assembly(story, shots));
            }).replaceWith(true);
        });
    }

    private AssembleFilmCommand assembly(StoryEntity story, List<ShotEntity> shots) {
        SchedulerConfig.Profile profile = config.profiles().get(story.profile);
        AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setLanguage(story.language)
                .setTitle(story.title == null ? "" : story.title)
                .setOutput(VideoFormat.newBuilder().setWidth(profile.width()).setHeight(profile.height()).setFps(config.film().fps()));
        shots.stream().sorted(Comparator.comparingInt(s -> s.index)).forEach(shot -> command.addClips(ClipRef.newBuilder()
                .setShotIndex(shot.index).setUri(shot.clipUri).setNarration(shot.narration)
                .setDuration(StoryViews.duration(shot.durationMillis))));
        return command.build();
    }

    private Uni<Boolean> shotFailed(StoryEntity story, ShotFailed failed) {
        return currentShot(story, failed.getShotIndex(), failed.getAttempt()).chain(shot -> {
            if (shot == null || shot.state == ShotState.SHOT_STATE_GENERATED) {
                return Uni.createFrom().item(false);
            }
            if (failed.getRetryable() && shot.attempt < config.generation().maxAttempts()) {
                LOG.infof("story %s shot %d attempt %d failed (%s), retrying", story.id, shot.index, shot.attempt, failed.getFailure().getReason());
                story.updatedAt = Instant.now();
                return dispatch(story, shot, shot.attempt + 1).replaceWith(true);
            }
            shot.state = ShotState.SHOT_STATE_FAILED;
            shot.updatedAt = Instant.now();
            fail(story, "SHOT_FAILED", "shot " + (shot.index + 1) + " failed after " + shot.attempt + " attempt(s): "
                    + failed.getFailure().getReason() + " " + failed.getFailure().getMessage());
            return Uni.createFrom().item(true);
        });
    }

    private Uni<Boolean> assembled(StoryEntity story, FilmAssembled assembled) {
        if (story.state != StoryState.STORY_STATE_ASSEMBLING) {
            return Uni.createFrom().item(false);
        }
        Instant now = Instant.now();
        story.film = assembled.getFilm().toByteArray();
        story.assembleMillis = Durations.toMillis(assembled.getAssembleDuration());
        story.state = StoryState.STORY_STATE_COMPLETED;
        story.updatedAt = now;
        story.finishedAt = now;
        return shots(story).invoke(shots -> logTimings(story, shots)).replaceWith(true);
    }

    private Uni<Boolean> stageFailed(StoryEntity story, StageFailed failed) {
        fail(story, failed.getFailure().getReason().isBlank() ? "STAGE_FAILED" : failed.getFailure().getReason(),
                failed.getStage() + ": " + failed.getFailure().getMessage());
        return Uni.createFrom().item(true);
    }

    /**
     * One line per finished story with the wall time of each stage and the pipeline's own overhead:
     * everything except rendering the shots and encoding the film.
     */
    private static void logTimings(StoryEntity story, List<ShotEntity> shots) {
        long total = millis(story.createdAt, story.finishedAt);
        long render = shots.stream().mapToLong(s -> s.renderMillis == null ? 0 : s.renderMillis).sum();
        long assemble = story.assembleMillis == null ? 0 : story.assembleMillis;
        LOG.infof("story %s completed: shots=%d enrich_ms=%d screen_ms=%d generate_ms=%d assemble_ms=%d total_ms=%d "
                + "render_ms=%d encode_ms=%d overhead_ms=%d", story.id, shots.size(), millis(story.createdAt, story.enrichedAt),
                millis(story.enrichedAt, story.screenedAt), millis(story.screenedAt, story.generatedAt),
                millis(story.generatedAt, story.finishedAt), total, render, assemble, total - render - assemble);
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toMillis();
    }

    private static void fail(StoryEntity story, String reason, String message) {
        story.state = StoryState.STORY_STATE_FAILED;
        story.failureReason = reason;
        story.failureMessage = message;
        story.updatedAt = Instant.now();
        story.finishedAt = story.updatedAt;
        LOG.infof("story %s failed: %s %s", story.id, reason, message);
    }

    /** The shot if the event is about its current attempt; null for stale attempts and unknown shots. */
    private static Uni<ShotEntity> currentShot(StoryEntity story, int index, int attempt) {
        return ShotEntity.<ShotEntity>findById(new ShotEntity.Key(story.id, index))
                .map(shot -> shot != null && shot.attempt == attempt ? shot : null);
    }

    private static Uni<List<ShotEntity>> shots(StoryEntity story) {
        return ShotEntity.list("storyId = ?1 order by index", story.id);
    }

    private static Storyboard storyboard(StoryEntity story) {
        return StoryViews.parse(() -> Storyboard.parseFrom(story.storyboard));
    }
}
