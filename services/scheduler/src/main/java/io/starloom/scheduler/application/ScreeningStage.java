package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Shot;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Moderation judges the story's text and every prompt and narration line planned from it. ALLOW lets the
 * story go on to generation; REVIEW makes it wait IN_REVIEW for a person; BLOCK rejects it.
 */
@ApplicationScoped
public class ScreeningStage implements StageHandler {
    private static final Logger LOG = Logger.getLogger(ScreeningStage.class);

    private final OutboxWriter outbox;

    public ScreeningStage(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public Stage stage() {
        return Stage.SCREEN_TEXT;
    }

    @Override
    public Uni<Void> start(StoryEntity story) {
        ModerateTextCommand.Builder screening = ModerateTextCommand.newBuilder().setStoryId(story.id.toString())
                .setLanguage(story.language).addTexts(story.text);
        for (Shot planned : story.storyboard().getShotsList()) {
            screening.addTexts(planned.getPrompt()).addTexts(planned.getNarration());
        }
        return outbox.add(Stage.SCREEN_TEXT, story.id, screening.build());
    }

    @Override
    public Uni<StageOutcome> on(StoryEntity story, StoryEvent event) {
        TextModerated verdict = event.getTextModerated();
        story.screenedAt = Instant.now();
        return Uni.createFrom().item(switch (verdict.getVerdict()) {
            case VERDICT_ALLOW -> StageOutcome.finished();
            case VERDICT_REVIEW -> {
                story.findings = verdict.toByteArray();
                LOG.infof("story %s waits for review (%s)", story.id, categories(verdict));
                yield StageOutcome.movedTo(StoryStatus.IN_REVIEW);
            }
            // A verdict this build cannot read must not send the story to the GPUs either.
            case VERDICT_BLOCK, VERDICT_UNSPECIFIED, UNRECOGNIZED -> {
                story.findings = verdict.toByteArray();
                yield StageOutcome.rejected(SchedulerFailure.MODERATION_BLOCKED.because(
                        "the story contains content that is not allowed (" + categories(verdict) + ")"));
            }
        });
    }

    private static String categories(TextModerated verdict) {
        String named = verdict.getFindingsList().stream().map(finding -> ProtoNames.shortName(finding.getCategory())).distinct()
                .collect(Collectors.joining(", "));
        return named.isEmpty() ? "unspecified" : named;
    }
}
