package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Priority;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.Style;
import io.starloom.scheduler.api.BearerTokens;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.domain.Submission;
import io.starloom.scheduler.domain.SubmissionValidator;
import io.starloom.scheduler.fleet.SubmissionGate;
import io.starloom.scheduler.persistence.GroupCommit;
import io.starloom.scheduler.persistence.StoryEntity;
import io.starloom.scheduler.webhooks.application.StoryWebhooks;

/**
 * What callers may do to stories: submit and cancel. Each is one transaction that also writes the
 * resulting commands to the outbox; the relay sends them and watchers hear of it once committed. Submissions
 * that arrive together share their transaction ({@link GroupCommit}).
 */
@ApplicationScoped
public class StoryCommands {
    private static final Logger LOG = Logger.getLogger(StoryCommands.class);
    /** The unique index on (tenant, request_id), see V1__stories.sql. */
    private static final String REQUEST_ID_CONSTRAINT = "story_request_id";

    private final SubmissionValidator validator;
    private final StageRouter stages;
    private final StoryChanges changes;
    private final StoryQueries queries;
    private final ServedProfiles profiles;
    private final GenerationStops stops;
    private final StoryWebhooks storyWebhooks;
    private final SubmissionGate gate;
    private final StoryboardPreviews previews;
    private final BearerTokens tokens;
    private final GroupCommit groupCommit;

    public StoryCommands(StageRouter stages, StoryChanges changes, StoryQueries queries, ServedProfiles profiles,
            GenerationStops stops, StoryWebhooks storyWebhooks, SubmissionGate gate, StoryboardPreviews previews, BearerTokens tokens,
            GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
        this.gate = gate;
        this.validator = previews.validator();
        this.stages = stages;
        this.changes = changes;
        this.queries = queries;
        this.profiles = profiles;
        this.stops = stops;
        this.storyWebhooks = storyWebhooks;
        this.previews = previews;
        this.tokens = tokens;
    }

    /** Accepts a story (or returns the one already accepted under the same request id), if the fleet admits it. */
    public Uni<Story> submit(Caller caller, Submission submission, Priority priority) {
        String profile = validator.validate(submission);
        // Taken here: the transaction runs on the group's context, where the request's trace is not current.
        String traceparent = TraceContext.currentTraceparent().orElse(null);
        // Checks before writes, as a GroupCommit work must: only a database failure can then spoil the group.
        return storyWebhooks.check(caller, submission.options()).chain(() -> checkedEdit(submission))
                .chain(() -> groupCommit.run(() -> existing(caller, submission.requestId())
                .onItem().ifNull().switchTo(() -> profiles.require(profile, submission.namesProfile())
                        .chain(() -> gate.admit(caller.tenant(), priority))
                        .chain(admitted -> accept(caller, submission, profile, admitted, traceparent))))
                .call(story -> changes.accepted(story.id))
                // A concurrent submission with the same key committed first: answer with its story.
                .onFailure(StoryCommands::isDuplicateRequestId)
                .recoverWithUni(() -> Panache.withSession(() -> existing(caller, submission.requestId()))))
                .map(story -> StoryViews.toStory(story, List.of()));
    }

    /** An edited storyboard is checked by enrichment's own rules (its preview of an edit) before anything is stored. */
    private Uni<Void> checkedEdit(Submission submission) {
        if (submission.storyboard() == null) {
            return Uni.createFrom().voidItem();
        }
        return tokens.current().chain(token -> previews.preview(submission, token)).replaceWithVoid();
    }

    private static boolean isDuplicateRequestId(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null
                    && violation.getConstraintName().contains(REQUEST_ID_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }

    private Uni<StoryEntity> existing(Caller caller, String requestId) {
        if (requestId == null || requestId.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return StoryEntity.find("tenant = ?1 and requestId = ?2", caller.tenant(), requestId).firstResult();
    }

    private Uni<StoryEntity> accept(Caller caller, Submission submission, String profile, Priority priority, String traceparent) {
        Instant now = Instant.now();
        StoryEntity story = new StoryEntity();
        story.id = UUID.randomUUID();
        story.tenant = caller.tenant();
        story.requestId = submission.requestId() == null || submission.requestId().isBlank() ? null : submission.requestId();
        story.text = submission.text().strip();
        story.requireReview = submission.requireReview();
        story.language = submission.language() == Language.UNRECOGNIZED ? Language.LANGUAGE_UNSPECIFIED : submission.language();
        story.style = submission.style() == Style.STYLE_UNSPECIFIED ? Style.STYLE_CINEMATIC : submission.style();
        story.resolution = submission.resolution();
        story.profile = profile;
        story.priority = priority;
        story.filmOptions(submission.film());
        story.storyOptions(submission.options());
        story.editedStoryboard = submission.storyboard() == null ? null : submission.storyboard().toByteArray();
        story.traceparent = traceparent;
        story.createdAt = now;
        story.updatedAt = now;
        // DEBUG: at a thousand submissions a second an INFO line each is a good part of the work (and of the log).
        LOG.debugf("story %s accepted for tenant %s (%d characters, profile %s)", story.id, story.tenant,
                story.text.codePointCount(0, story.text.length()), profile);
        return stages.begin(story).chain(() -> story.<StoryEntity>persist());
    }

    /** Cancels a story that is still in progress; a finished story is returned as it is. */
    public Uni<Story> cancel(Caller caller, String storyId) {
        UUID id = StoryQueries.parseId(storyId);
        return transaction(id, () -> queries.lockedStory(caller, id).call(story -> {
            if (!story.state.isFinal()) {
                story.end(StoryStatus.CANCELED, SchedulerFailure.CANCELED.because("canceled by " + caller.subject()));
            }
            return Uni.createFrom().voidItem();
        }))
                // Its queued shots are then never started, and a running one is stopped on its backend.
                .call(() -> stops.stop(id))
                .chain(() -> queries.get(caller, storyId));
    }

    private <T> Uni<T> transaction(UUID storyId, Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).call(() -> changes.committed(storyId));
    }
}
