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
import io.starloom.proto.v1.Verdict;
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
                .setLanguage(story.language).setTenant(story.tenant).addTexts(story.text).addLabels("story");
        for (Shot planned : story.storyboard().getShotsList()) {
            String shot = "shot " + (planned.getIndex() + 1);
            screening.addTexts(planned.getPrompt()).addLabels(shot + " prompt")
                    .addTexts(planned.getNarration()).addLabels(shot + " narration");
            if (!planned.getNarrationTranslation().isBlank()) {
                screening.addTexts(planned.getNarrationTranslation()).addLabels(shot + " narration translation");
            }
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
                        "the story contains content that is not allowed (" + categories(verdict) + ")" + firstReason(verdict)));
            }
        });
    }

    /** The first blocking finding's reason, for people, in the story's language. */
    private static String firstReason(TextModerated verdict) {
        return verdict.getFindingsList().stream().filter(f -> f.getAction() == Verdict.VERDICT_BLOCK && !f.getReason().isBlank()).findFirst()
                .map(f -> ": " + f.getReason()).orElse("");
    }

    private static String categories(TextModerated verdict) {
        String named = verdict.getFindingsList().stream().map(finding -> ProtoNames.shortName(finding.getCategory())).distinct()
                .collect(Collectors.joining(", "));
        return named.isEmpty() ? "unspecified" : named;
    }
}
