package io.starloom.scheduler.application;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Failures;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Failure;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Moves stories through the {@link Stage}s as the stages report back. Each event is one transaction on
 * the locked story row, so events of one story never race. An event for an unknown or final story, or
 * for a stage the story is not in, changes nothing; so does one that its stage handler finds stale. Apart
 * from a caller's cancel, the story's status changes only here, and always as
 * {@link io.starloom.scheduler.domain.StoryLifecycle} allows.
 */
@ApplicationScoped
public class StageRouter {
    private static final Logger LOG = Logger.getLogger(StageRouter.class);

    private final Map<Stage, StageHandler> handlers = new EnumMap<>(Stage.class);
    private final StoryChanges changes;
    private final ReviewCases reviews;

    public StageRouter(@All List<StageHandler> handlers, StoryChanges changes, ReviewCases reviews) {
        for (StageHandler handler : handlers) {
            if (this.handlers.put(handler.stage(), handler) != null) {
                throw new IllegalStateException("two handlers for stage " + handler.stage());
            }
        }
        for (Stage stage : Stage.values()) {
            if (!this.handlers.containsKey(stage)) {
                throw new IllegalStateException("no StageHandler for stage " + stage);
            }
        }
        this.changes = changes;
        this.reviews = reviews;
    }

    /** Puts a story just accepted into the first stage, inside the caller's transaction. */
    public Uni<Void> begin(StoryEntity story) {
        Stage first = Stage.first();
        // A new story has no status to move from.
        story.state = first.entry();
        return handlers.get(first).start(story);
    }

    public Uni<Void> handle(UUID storyId, StoryEvent event) {
        return onLockedStory(storyId, event.getPayloadCase().name(), story -> switch (event.getPayloadCase()) {
            case STAGE_FAILED -> end(story, StoryStatus.FAILED, stageFailure(event.getStageFailed()));
            case PAYLOAD_NOT_SET -> {
                LOG.warnf("empty event for story %s ignored", story.id);
                yield Uni.createFrom().item(false);
            }
            default -> route(story, event);
        });
    }

    /** A message about this story died in the dead-letter queue: the story cannot finish. */
    public Uni<Void> deadLettered(UUID storyId, String where) {
        return onLockedStory(storyId, "dead letter", story -> end(story, StoryStatus.FAILED, SchedulerFailure.DEAD_LETTERED
                .because("a message for this story could not be processed and was dead-lettered from " + where)));
    }

    private Uni<Void> onLockedStory(UUID storyId, String what, Function<StoryEntity, Uni<Boolean>> work) {
        return Panache.withTransaction(() -> StoryEntity.<StoryEntity>findById(storyId, LockModeType.PESSIMISTIC_WRITE)
                .chain(story -> {
                    if (story == null) {
                        LOG.warnf("%s for unknown story %s ignored", what, storyId);
                        return Uni.createFrom().item(false);
                    }
                    if (story.state.isFinal()) {
                        LOG.debugf("%s for finished story %s ignored", what, storyId);
                        return Uni.createFrom().item(false);
                    }
                    return work.apply(story);
                }))
                .call(changed -> changed ? changes.committed(storyId) : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    private Uni<Boolean> route(StoryEntity story, StoryEvent event) {
        Stage stage = Stage.handling(event.getPayloadCase())
                .orElseThrow(() -> new IllegalStateException("no stage handles " + event.getPayloadCase()));
        if (!stage.isActiveIn(story.state)) {
            LOG.debugf("%s for story %s, which is %s, ignored", event.getPayloadCase(), story.id, story.state);
            return Uni.createFrom().item(false);
        }
        return handlers.get(stage).on(story, event).chain(outcome -> switch (outcome.kind()) {
            case UNCHANGED -> Uni.createFrom().item(false);
            case CHANGED -> {
                boolean toReview = outcome.status() == StoryStatus.IN_REVIEW && story.state != StoryStatus.IN_REVIEW;
                story.moveTo(outcome.status() == null ? story.state : outcome.status());
                yield toReview ? reviews.open(story, stage, "moderation asked for a person's decision").replaceWith(true)
                        : Uni.createFrom().item(true);
            }
            case FINISHED -> finished(story, stage, true).replaceWith(true);
            case ENDED -> end(story, outcome.status(), outcome.failure());
        });
    }

    /**
     * A stage's work is done: the story enters the next stage, or after the last one is published, unless
     * review is mandatory and nobody has approved it yet ({@code gated}): then it waits IN_REVIEW.
     */
    private Uni<Void> finished(StoryEntity story, Stage stage, boolean gated) {
        if (stage.next().isEmpty() && gated && reviews.mandatory(story)) {
            story.moveTo(StoryStatus.IN_REVIEW);
            return reviews.open(story, stage, "review is mandatory before the film is published");
        }
        return stage.next().map(next -> enter(story, next)).orElseGet(() -> complete(story));
    }

    /**
     * A reviewer approved a story paused IN_REVIEW in {@code stage}: the stage's work counts as accepted and
     * the story goes on as if the stage had just finished. Inside the caller's transaction on the locked row.
     */
    public Uni<Void> resume(StoryEntity story, Stage stage) {
        return finished(story, stage, false);
    }

    private Uni<Void> enter(StoryEntity story, Stage stage) {
        story.moveTo(stage.entry());
        return handlers.get(stage).start(story);
    }

    private Uni<Void> complete(StoryEntity story) {
        story.moveTo(StoryStatus.COMPLETED);
        story.finishedAt = story.updatedAt;
        return ShotEntity.ofStory(story.id).invoke(shots -> logTimings(story, shots)).replaceWithVoid();
    }

    private static Uni<Boolean> end(StoryEntity story, StoryStatus status, Failure failure) {
        story.end(status, failure);
        LOG.infof("story %s %s: %s %s", story.id, status.name().toLowerCase(Locale.ROOT), failure.getReason(), failure.getMessage());
        return Uni.createFrom().item(true);
    }

    /**
     * A stage's own failure keeps its reason and domain, and the message says which stage it was. A stage
     * that names no domain gets its own (stages are services of the same name); one that names no reason
     * gets the scheduler's STAGE_FAILED.
     */
    private static Failure stageFailure(StageFailed failed) {
        Failure reported = failed.getFailure();
        Failure.Builder failure = reported.toBuilder().setMessage(failed.getStage() + ": " + reported.getMessage());
        if (reported.getReason().isBlank()) {
            Failure fallback = SchedulerFailure.STAGE_FAILED.because("");
            failure.setReason(fallback.getReason()).setDomain(fallback.getDomain());
        } else if (reported.getDomain().isBlank()) {
            failure.setDomain(Failures.domain(failed.getStage()));
        }
        return failure.build();
    }

    /**
     * One line per finished story with the wall time of each stage and the pipeline's own overhead:
     * everything except rendering the shots and encoding the film. The launcher's bench parses it.
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
}
