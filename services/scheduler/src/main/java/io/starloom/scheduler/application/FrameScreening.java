package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Verdict;
import io.starloom.scheduler.config.FrameScreeningConfig;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.messaging.OutboxWriter;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * Frame screening within the generation stage: every generated clip is sent to moderation's frame queue,
 * and a shot counts as done once its frames are allowed (SCREENED). A flagged shot is rendered again with a
 * new seed up to {@code starloom.frames.max-regenerations} times; still flagged, it sends the story to
 * review with the frame findings as evidence, or fails it, as {@code starloom.frames.on-flagged} says.
 * With screening off, a shot is done once GENERATED.
 */
@ApplicationScoped
public class FrameScreening {
    private static final Logger LOG = Logger.getLogger(FrameScreening.class);
    /** A large odd step: regenerated seeds are far apart and do not repeat within the seed range. */
    private static final long SEED_STEP = 0x9E3779B1L;
    /** Planned seeds are 0..2^31-1, the narrowest range among the backends (DashScope's int32). */
    private static final long SEED_RANGE = 1L << 31;

    private final FrameScreeningConfig config;
    private final OutboxWriter outbox;

    public FrameScreening(FrameScreeningConfig config, OutboxWriter outbox) {
        this.config = config;
        this.outbox = outbox;
    }

    /** The seed of a shot's render: the planned one first, then a new one per regeneration, in [0, 2^31). */
    public static long seed(long planned, int regenerations) {
        return regenerations == 0 ? planned : Math.floorMod(planned + regenerations * SEED_STEP, SEED_RANGE);
    }

    /** Whether a shot needs no more work in this stage (a canceled one never will). */
    public boolean done(ShotEntity shot) {
        return shot.state == ShotStatus.SCREENED || shot.state == ShotStatus.CANCELED || (!config.enabled() && shot.state == ShotStatus.GENERATED);
    }

    /** A shot's clip has just been generated: screen it, or (screening off) see whether the stage is done. */
    public Uni<StageOutcome> generated(StoryEntity story, ShotEntity shot) {
        if (!config.enabled()) {
            return finishedIfAllDone(story);
        }
        return outbox.add(Queues.MODERATION_FRAMES, story.id, ScreenFramesCommand.newBuilder()
                .setStoryId(story.id.toString())
                .setShotIndex(shot.index)
                .setAttempt(shot.attempt)
                .setClipUri(shot.clipUri)
                .build()).replaceWith(StageOutcome.movedTo(StoryStatus.GENERATING));
    }

    /**
     * Applies moderation's answer for one clip.
     *
     * @param regenerate dispatches the shot's next attempt (the generation stage knows how)
     */
    public Uni<StageOutcome> screened(StoryEntity story, FramesScreened screened, Function<ShotEntity, Uni<Void>> regenerate) {
        return ShotEntity.<ShotEntity>findById(new ShotEntity.Key(story.id, screened.getShotIndex())).chain(shot -> {
            if (shot == null || shot.attempt != screened.getAttempt() || shot.state != ShotStatus.GENERATED) {
                return Uni.createFrom().item(StageOutcome.unchanged());
            }
            shot.updatedAt = Instant.now();
            if (screened.getVerdict() == Verdict.VERDICT_ALLOW) {
                shot.state = ShotStatus.SCREENED;
                return finishedIfAllDone(story);
            }
            // BLOCK, or a verdict this build cannot read: never let the clip into the film unseen.
            String categories = categories(screened.getFindingsList());
            if (shot.regenerations < config.maxRegenerations()) {
                shot.regenerations++;
                LOG.infof("story %s shot %d attempt %d: frames flagged (%s), regenerating with a new seed (%d of %d)", story.id,
                        shot.index, shot.attempt, categories, shot.regenerations, config.maxRegenerations());
                return regenerate.apply(shot).replaceWith(StageOutcome.movedTo(StoryStatus.GENERATING));
            }
            String reason = "the frames of shot " + (shot.index + 1) + " were flagged (" + categories + ") after "
                    + (shot.regenerations + 1) + " render(s)";
            if (config.onFlagged() == FrameScreeningConfig.OnFlagged.REVIEW) {
                story.findings = findings(Verdict.VERDICT_REVIEW, screened);
                LOG.infof("story %s waits for review: %s", story.id, reason);
                return Uni.createFrom().item(StageOutcome.movedTo(StoryStatus.IN_REVIEW));
            }
            story.findings = findings(Verdict.VERDICT_BLOCK, screened);
            return Uni.createFrom().item(StageOutcome.failed(SchedulerFailure.FRAMES_FLAGGED.because(reason,
                    Map.of("shot_index", String.valueOf(shot.index), "renders", String.valueOf(shot.regenerations + 1),
                            "classifier", screened.getClassifier()))));
        });
    }

    private Uni<StageOutcome> finishedIfAllDone(StoryEntity story) {
        return ShotEntity.ofStory(story.id).map(shots -> {
            if (!shots.stream().allMatch(this::done)) {
                return StageOutcome.movedTo(StoryStatus.GENERATING);
            }
            story.generatedAt = Instant.now();
            return StageOutcome.finished();
        });
    }

    /** Stored the way text findings are (StoryViews reads a TextModerated), each finding with its frame evidence. */
    private static byte[] findings(Verdict verdict, FramesScreened screened) {
        return TextModerated.newBuilder().setVerdict(verdict).addAllFindings(screened.getFindingsList()).build().toByteArray();
    }

    private static String categories(List<Finding> findings) {
        String named = findings.stream().map(finding -> ProtoNames.shortName(finding.getCategory()) + " " + finding.getTerm())
                .distinct().collect(Collectors.joining(", "));
        return named.isEmpty() ? "unspecified" : named;
    }
}
