package io.starloom.enrichment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.Queues;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.enrichment.domain.UnenrichableStoryException;
import io.starloom.mesh.support.messaging.StageConsumer;
import io.starloom.mesh.support.messaging.StageFailureException;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;

/**
 * Enriches each story the scheduler sends into its storyboard, or a stage failure when the story cannot be
 * enriched as it is. Planning is pure and sub-millisecond, so it stays on the event loop. Idempotent: the
 * same command always yields the same storyboard (seeds derive from the story id).
 */
@ApplicationScoped
public class EnrichmentRequestConsumer {
    static final String STAGE = "enrichment";

    private final StoryboardPlanner planner;
    private final StageConsumer<EnrichStoryCommand> stage;

    public EnrichmentRequestConsumer(StoryboardPlanner planner, @Channel(Queues.SCHEDULER_EVENTS) MutinyEmitter<byte[]> events) {
        this.planner = planner;
        this.stage = new StageConsumer<>(STAGE, EnrichStoryCommand.getDefaultInstance(), events);
    }

    @Incoming(Queues.ENRICHMENT_REQUESTS)
    public Uni<Void> enrich(Message<byte[]> message) {
        return stage.handle(message, this::enriched);
    }

    private StoryEvent.Builder enriched(EnrichStoryCommand command) {
        StoryInput input = new StoryInput(command.getText(), command.getLanguage(), command.getStyle(), command.getStoryId());
        try {
            return StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(planner.plan(input)));
        } catch (UnenrichableStoryException e) {
            throw new StageFailureException(e.reason(), e.getMessage());
        }
    }
}
