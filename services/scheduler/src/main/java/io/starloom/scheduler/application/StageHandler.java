package io.starloom.scheduler.application;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * What the scheduler does for one {@link Stage}: send it its work and read its answers. Both run inside
 * the transaction of {@link StageRouter} on the locked story row; a handler never sets the story's status
 * itself but answers with a {@link StageOutcome}, and the router moves the story.
 */
public interface StageHandler {
    Stage stage();

    /** Writes the stage's command(s) to the outbox: the story has just entered the stage. */
    Uni<Void> start(StoryEntity story);

    /** Applies one of the stage's events to a story the stage is at work on. */
    Uni<StageOutcome> on(StoryEntity story, StoryEvent event);
}
