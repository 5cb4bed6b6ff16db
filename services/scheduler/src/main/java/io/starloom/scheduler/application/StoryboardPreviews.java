package io.starloom.scheduler.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.proto.v1.PreviewStoryboardRequest;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.client.EnrichmentClient;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.config.SubmissionConfig;
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
    /** A storyboard with the pre-flight estimate of its generation, and why a cap would refuse it, if one would. */
    public record Preflight(Storyboard storyboard, GenerationEstimate estimate, String overCap) {
    }

    private final SubmissionValidator validator;
    private final EnrichmentClient enrichment;
    private final ServedProfiles profiles;
    private final SchedulerConfig.Generation caps;

    public StoryboardPreviews(SchedulerConfig config, SubmissionConfig submission, EnrichmentClient enrichment, ServedProfiles profiles) {
        this.validator = new SubmissionValidator(config.story().maxTextLength(), config.resolutions(),
                new NarrationCheck(SchedulerConfig.Narration.capacityOf(config.narration())), submission.offeredTranslations(),
                submission.offeredVoices());
        this.enrichment = enrichment;
        this.profiles = profiles;
        this.caps = config.generation();
    }

    /** The submission checks, shared with StoryCommands so that a preview and a submission are judged alike. */
    public SubmissionValidator validator() {
        return validator;
    }

    /**
     * The preview with the estimate generation would make of it (GenerationStage): the planned shots times the figures
     * of the profile the submission resolves to, as last announced by a worker or else configured.
     */
    public Uni<Preflight> preflight(Submission submission, String bearerToken) {
        return preview(submission, bearerToken).chain(storyboard -> Panache.withSession(() -> profiles.plan(validator.validate(submission)))
                .map(profile -> {
                    GenerationEstimate estimate = GenerationEstimates.of(profile, storyboard.getShotsCount());
                    return new Preflight(storyboard, estimate,
                            GenerationEstimates.overCap(estimate, caps).map(io.starloom.proto.v1.Failure::getMessage).orElse(null));
                }));
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
