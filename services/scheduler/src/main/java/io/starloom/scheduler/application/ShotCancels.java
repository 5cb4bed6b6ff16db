package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.Story;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Cancels one shot of a generating story. What a user who cancels a shot wants is the film without it, not a
 * failed story: the shot is CANCELED and left out, the story goes on with the others (and is assembled at
 * once if they are all done), and a story whose every shot is canceled is CANCELED itself. A queued shot
 * simply leaves the fair queue; a dispatched or running one loses its attempt (later events about it change
 * nothing) and its worker is told through a shot-level stop mark, which it reads before starting and between
 * polls of a remote task, which it then deletes on the backend. A shot already generated, failed or canceled
 * is kept as it is.
 */
@ApplicationScoped
public class ShotCancels {
    private static final Logger LOG = Logger.getLogger(ShotCancels.class);

    private final StoryQueries queries;
    private final StageRouter stages;
    private final StoryChanges changes;
    private final GenerationStops stops;
    private final FrameScreening frames;

    public ShotCancels(StoryQueries queries, StageRouter stages, StoryChanges changes, GenerationStops stops, FrameScreening frames) {
        this.queries = queries;
        this.stages = stages;
        this.changes = changes;
        this.stops = stops;
        this.frames = frames;
    }

    /**
     * The story after the cancel; 404 for another tenant's story, 409 when the story is not generating.
     *
     * @param indexField how the caller's API spells the shot index, for the error naming it
     */
    public Uni<Story> cancel(Caller caller, String storyId, int shotIndex, String indexField) {
        UUID id = StoryQueries.parseId(storyId);
        return Panache.withTransaction(() -> queries.lockedStory(caller, id).chain(story -> ShotEntity.ofStory(id).chain(shots -> {
            if (shotIndex < 0 || shotIndex >= shots.size()) {
                throw new InvalidRequestException(List.of(new FieldError(indexField,
                        ErrorCode.SHOT_INDEX_OUT_OF_RANGE, shotIndex, shots.size() - 1)), false);
            }
            ShotEntity shot = shots.get(shotIndex);
            if (shot.state != ShotStatus.QUEUED && shot.state != ShotStatus.DISPATCHED && shot.state != ShotStatus.RUNNING) {
                return Uni.createFrom().voidItem();
            }
            if (!Stage.GENERATE.isActiveIn(story.state)) {
                throw new StoryNotReadyException(ErrorCode.SHOT_CANCEL_NOT_ACTIVE, id, story.state);
            }
            shot.state = ShotStatus.CANCELED;
            shot.leaseExpiresAt = null;
            shot.notBefore = null;
            shot.updatedAt = Instant.now();
            LOG.infof("story %s shot %d canceled by %s", id, shotIndex, caller.subject());
            if (shots.stream().allMatch(s -> s.state == ShotStatus.CANCELED)) {
                story.end(StoryStatus.CANCELED, SchedulerFailure.CANCELED.because("every shot was canceled, the last by " + caller.subject()));
                return Uni.createFrom().voidItem();
            }
            if (shots.stream().allMatch(frames::done)) {
                story.generatedAt = Instant.now();
                return stages.resume(story, Stage.GENERATE);
            }
            return Uni.createFrom().voidItem();
        })).replaceWithVoid())
                .call(() -> changes.committed(id))
                .call(() -> stops.stopShot(id, shotIndex))
                .chain(() -> queries.get(caller, storyId));
    }
}
