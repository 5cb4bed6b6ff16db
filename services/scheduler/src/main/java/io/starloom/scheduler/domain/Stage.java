package io.starloom.scheduler.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.Descriptors.Descriptor;

import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StoryEvent.PayloadCase;

/**
 * The pipeline: every stage a story passes through, in the order declared here. A stage is sent one kind
 * of command on its queue and answers with its events; while it works the story is in one of its
 * statuses. When a stage finishes, the story enters the next one, and after the last it is COMPLETED.
 * A stage may also end in statuses off that path ({@code exits}), e.g. screening's REJECTED.
 */
public enum Stage {
    ENRICH(Queues.ENRICHMENT_REQUESTS, EnrichStoryCommand.getDescriptor(), EnumSet.of(PayloadCase.STORY_ENRICHED),
            List.of(StoryStatus.ENRICHING), EnumSet.noneOf(StoryStatus.class)),
    SCREEN_TEXT(Queues.MODERATION_REQUESTS, ModerateTextCommand.getDescriptor(), EnumSet.of(PayloadCase.TEXT_MODERATED),
            List.of(StoryStatus.SCREENING), EnumSet.of(StoryStatus.IN_REVIEW, StoryStatus.REJECTED)),
    // Each generated clip's frames are screened within this stage (FrameScreening); a flagged shot may end it IN_REVIEW.
    GENERATE(Queues.GENERATION_REQUESTS, GenerateShotCommand.getDescriptor(),
            EnumSet.of(PayloadCase.SHOT_STARTED, PayloadCase.SHOT_GENERATED, PayloadCase.SHOT_FAILED, PayloadCase.SHOT_PROGRESS,
                    PayloadCase.FRAMES_SCREENED),
            List.of(StoryStatus.QUEUED, StoryStatus.GENERATING), EnumSet.of(StoryStatus.REJECTED, StoryStatus.IN_REVIEW)),
    ASSEMBLE(Queues.POSTPROCESS_REQUESTS, AssembleFilmCommand.getDescriptor(), EnumSet.of(PayloadCase.FILM_ASSEMBLED),
            List.of(StoryStatus.ASSEMBLING), EnumSet.of(StoryStatus.IN_REVIEW));

    private final String queue;
    private final Descriptor command;
    private final Set<PayloadCase> events;
    private final List<StoryStatus> statuses;
    private final Set<StoryStatus> exits;

    /**
     * @param statuses the story's statuses while the stage works, the one it enters with first
     * @param exits where the stage may send a story off the pipeline besides FAILED and CANCELED
     */
    Stage(String queue, Descriptor command, Set<PayloadCase> events, List<StoryStatus> statuses, Set<StoryStatus> exits) {
        this.queue = queue;
        this.command = command;
        this.events = events;
        this.statuses = statuses;
        this.exits = exits;
    }

    public static Stage first() {
        return values()[0];
    }

    /** The stage after this one; none after the last. */
    public Optional<Stage> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /** The stage whose events these are; none for events that belong to no stage (StageFailed). */
    public static Optional<Stage> handling(PayloadCase event) {
        return Arrays.stream(values()).filter(stage -> stage.events.contains(event)).findFirst();
    }

    /** Whether the stage is at work on a story in this status, i.e. its events apply. */
    public boolean isActiveIn(StoryStatus status) {
        return statuses.contains(status);
    }

    /** The address of the stage's queue. */
    public String queue() {
        return queue;
    }

    /** The type of the command the stage is sent. */
    public Descriptor command() {
        return command;
    }

    public Set<PayloadCase> events() {
        return events;
    }

    /** The status a story enters the stage with. */
    public StoryStatus entry() {
        return statuses.get(0);
    }

    public List<StoryStatus> statuses() {
        return statuses;
    }

    public Set<StoryStatus> exits() {
        return exits;
    }
}
