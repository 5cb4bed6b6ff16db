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
 * SubmissionValidator (and the same configuration) as a real one, then enrichment plans it. Nothing is stored.
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
            return PreviewStoryboardRequest.newBuilder().setText(submission.text()).setLanguage(submission.language())
                    .setStyle(submission.style()).build();
        }).chain(request -> enrichment.preview(request, bearerToken));
    }
}
