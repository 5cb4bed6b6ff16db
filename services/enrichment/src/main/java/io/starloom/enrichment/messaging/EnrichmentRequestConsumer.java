package io.starloom.enrichment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.Queues;
import io.starloom.enrichment.domain.EditedStoryboards;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.enrichment.domain.UnenrichableStoryException;
import io.starloom.mesh.support.messaging.StageConsumer;
import io.starloom.mesh.support.messaging.StageFailureException;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Storyboard;

/**
 * Enriches each story the scheduler sends into its storyboard, or a stage failure when the story cannot be
 * enriched as it is; an edited storyboard is checked and normalised instead of planned. Planning is pure CPU
 * work of a few milliseconds, so it stays on the event loop. Idempotent: the
 * same command always yields the same storyboard (seeds derive from the story id).
 */
@ApplicationScoped
public class EnrichmentRequestConsumer {
    static final String STAGE = "enrichment";

    private final StoryboardPlanner planner;
    private final EditedStoryboards edited;
    private final StageConsumer<EnrichStoryCommand> stage;

    public EnrichmentRequestConsumer(StoryboardPlanner planner, EditedStoryboards edited,
            @Channel(Queues.SCHEDULER_EVENTS) MutinyEmitter<byte[]> events) {
        this.planner = planner;
        this.edited = edited;
        this.stage = new StageConsumer<>(STAGE, EnrichStoryCommand.getDefaultInstance(), events);
    }

    @Incoming(Queues.ENRICHMENT_REQUESTS)
    public Uni<Void> enrich(Message<byte[]> message) {
        return stage.handle(message, this::enriched);
    }

    private StoryEvent.Builder enriched(EnrichStoryCommand command) {
        StoryInput input = new StoryInput(command.getText(), command.getLanguage(), command.getStyle(), command.getStoryId(),
                command.getOptions());
        try {
            // A person's edited storyboard is rendered as edited, once it passes the same checks as any input.
            Storyboard storyboard = command.hasEditedStoryboard() ? edited.normalise(command.getEditedStoryboard(), command.getStoryId())
                    : planner.plan(input);
            return StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard));
        } catch (UnenrichableStoryException e) {
            throw new StageFailureException(e.reason(), e.getMessage());
        }
    }
}
