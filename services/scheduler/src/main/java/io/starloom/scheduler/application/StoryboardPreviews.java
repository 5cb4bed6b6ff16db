package io.starloom.scheduler.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.PreviewStoryboardRequest;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.client.EnrichmentClient;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.NarrationCheck;
import io.starloom.scheduler.domain.Submission;
import io.starloom.scheduler.domain.SubmissionValidator;

/**
 * The storyboard a submission would get, without submitting it: the submission is checked by the same
 * SubmissionValidator (and the same configuration) as a real one, then enrichment plans it — or, for a submission
 * carrying an edited storyboard, checks that edit. Nothing is stored.
 */
@ApplicationScoped
public class StoryboardPreviews {
    private final SubmissionValidator validator;
    private final EnrichmentClient enrichment;

    public StoryboardPreviews(SchedulerConfig config, EnrichmentClient enrichment) {
        this.validator = new SubmissionValidator(config.story().maxTextLength(), config.resolutions(),
                new NarrationCheck(SchedulerConfig.Narration.capacityOf(config.narration())));
        this.enrichment = enrichment;
    }

    /** @throws io.starloom.scheduler.domain.InvalidRequestException when the submission would be refused */
    public Uni<Storyboard> preview(Submission submission, String bearerToken) {
        return Uni.createFrom().item(() -> {
            validator.validate(submission);
            PreviewStoryboardRequest.Builder request = PreviewStoryboardRequest.newBuilder().setText(submission.text())
                    .setLanguage(submission.language()).setStyle(submission.style());
            if (submission.storyboard() != null) {
                // Enrichment checks and normalises an edit by the rules it films edits with.
                request.setEditedStoryboard(submission.storyboard());
            }
            return request.build();
        }).chain(request -> enrichment.preview(request, bearerToken));
    }
}
