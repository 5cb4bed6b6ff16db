package io.starloom.enrichment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.enrichment.domain.EditedStoryboards;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.enrichment.domain.UnenrichableStoryException;
import io.starloom.enrichment.llm.LlmRewriter;
import io.starloom.mesh.support.messaging.SchedulerEvents;
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
    private final LlmRewriter rewriter;
    private final StageConsumer<EnrichStoryCommand> stage;

    public EnrichmentRequestConsumer(StoryboardPlanner planner, EditedStoryboards edited, LlmRewriter rewriter,
            SchedulerEvents events) {
        this.planner = planner;
        this.edited = edited;
        this.rewriter = rewriter;
        this.stage = new StageConsumer<>(STAGE, EnrichStoryCommand.getDefaultInstance(), events);
    }

    private static StoryEvent.Builder event(Storyboard storyboard) {
        return StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard));
    }

    @Incoming(Queues.ENRICHMENT_REQUESTS)
    public Uni<Void> enrich(Message<byte[]> message) {
        return stage.handleAsync(message, this::enriched);
    }

    private Uni<StoryEvent.Builder> enriched(EnrichStoryCommand command) {
        // A caller's seed replaces the story id as what the shot seeds derive from, so it reproduces them in any story.
        String seedKey = command.hasSeed() ? "seed:" + Integer.toUnsignedString(command.getSeed()) : command.getStoryId();
        StoryInput input = new StoryInput(command.getText(), command.getLanguage(), command.getStyle(), seedKey,
                command.getOptions(), command.getShotSeconds());
        try {
            // A person's edited storyboard is rendered as edited, once it passes the same checks as any input.
            if (command.hasEditedStoryboard()) {
                return Uni.createFrom().item(event(edited.normalise(command.getEditedStoryboard(), seedKey)));
            }
            return rewriter.rewrite(planner.plan(input), command.getOptions().getTranslationLanguage()).map(EnrichmentRequestConsumer::event);
        } catch (UnenrichableStoryException e) {
            throw new StageFailureException(e.reason(), e.getMessage());
        }
    }
}
