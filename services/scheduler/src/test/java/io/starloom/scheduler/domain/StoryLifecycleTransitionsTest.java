package io.starloom.scheduler.domain;

import static io.starloom.scheduler.domain.StoryStatus.ASSEMBLING;
import static io.starloom.scheduler.domain.StoryStatus.CANCELED;
import static io.starloom.scheduler.domain.StoryStatus.COMPLETED;
import static io.starloom.scheduler.domain.StoryStatus.ENRICHING;
import static io.starloom.scheduler.domain.StoryStatus.FAILED;
import static io.starloom.scheduler.domain.StoryStatus.GENERATING;
import static io.starloom.scheduler.domain.StoryStatus.IN_REVIEW;
import static io.starloom.scheduler.domain.StoryStatus.QUEUED;
import static io.starloom.scheduler.domain.StoryStatus.REJECTED;
import static io.starloom.scheduler.domain.StoryStatus.SCREENING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StoryEvent.PayloadCase;

/** The lifecycle as a table, written out in full: every transition it allows, and that it allows no other. */
class StoryLifecycleTransitionsTest {
    private static final Map<StoryStatus, Set<StoryStatus>> ALLOWED = Map.of(
            ENRICHING, EnumSet.of(SCREENING, FAILED, CANCELED),
            SCREENING, EnumSet.of(QUEUED, IN_REVIEW, REJECTED, FAILED, CANCELED),
            // A reviewer's decision: on past the paused stage (generation after screening, assembly after flagged
            // frames, publishing after mandatory review), or rejected.
            IN_REVIEW, EnumSet.of(QUEUED, ASSEMBLING, COMPLETED, REJECTED, FAILED, CANCELED),
            QUEUED, EnumSet.of(GENERATING, ASSEMBLING, IN_REVIEW, REJECTED, FAILED, CANCELED),
            GENERATING, EnumSet.of(ASSEMBLING, IN_REVIEW, REJECTED, FAILED, CANCELED),
            ASSEMBLING, EnumSet.of(IN_REVIEW, COMPLETED, FAILED, CANCELED),
            COMPLETED, EnumSet.noneOf(StoryStatus.class),
            REJECTED, EnumSet.noneOf(StoryStatus.class),
            FAILED, EnumSet.noneOf(StoryStatus.class),
            CANCELED, EnumSet.noneOf(StoryStatus.class));

    /** Per event, the statuses in which it applies; in any other it is ignored. */
    private static final Map<PayloadCase, Set<StoryStatus>> APPLIES_IN = Map.of(
            PayloadCase.STORY_ENRICHED, EnumSet.of(ENRICHING),
            PayloadCase.TEXT_MODERATED, EnumSet.of(SCREENING),
            PayloadCase.SHOT_STARTED, EnumSet.of(QUEUED, GENERATING),
            PayloadCase.SHOT_GENERATED, EnumSet.of(QUEUED, GENERATING),
            PayloadCase.SHOT_FAILED, EnumSet.of(QUEUED, GENERATING),
            PayloadCase.SHOT_PROGRESS, EnumSet.of(QUEUED, GENERATING),
            PayloadCase.FRAMES_SCREENED, EnumSet.of(QUEUED, GENERATING),
            PayloadCase.FILM_ASSEMBLED, EnumSet.of(ASSEMBLING));

    @Test
    void everyTransitionIsAllowedExactlyWhenTheTableSaysSo() {
        assertThat(ALLOWED).containsOnlyKeys(StoryStatus.values());
        for (StoryStatus from : StoryStatus.values()) {
            assertThat(StoryLifecycle.next(from)).as("from %s", from).isEqualTo(ALLOWED.get(from));
            for (StoryStatus to : StoryStatus.values()) {
                boolean allowed = ALLOWED.get(from).contains(to);
                assertThat(StoryLifecycle.allows(from, to)).as("%s → %s", from, to).isEqualTo(allowed);
                if (allowed) {
                    assertThatNoException().isThrownBy(() -> StoryLifecycle.check(from, to));
                } else {
                    assertThatIllegalStateException().isThrownBy(() -> StoryLifecycle.check(from, to))
                            .withMessageContaining(from + " to " + to);
                }
            }
        }
    }

    @Test
    void finalStatusesLeadNowhereAndEveryOtherMayFailOrBeCanceled() {
        for (StoryStatus status : StoryStatus.values()) {
            if (status.isFinal()) {
                assertThat(StoryLifecycle.next(status)).as(status.name()).isEmpty();
            } else {
                assertThat(StoryLifecycle.next(status)).as(status.name()).contains(FAILED, CANCELED);
            }
        }
    }

    @Test
    void theStagesRunInOrderEachWithItsQueueCommandAndEvents() {
        assertThat(Stage.values()).containsExactly(Stage.ENRICH, Stage.SCREEN_TEXT, Stage.GENERATE, Stage.ASSEMBLE);
        assertThat(Stage.first()).isEqualTo(Stage.ENRICH);
        assertThat(Stage.ENRICH.next()).contains(Stage.SCREEN_TEXT);
        assertThat(Stage.SCREEN_TEXT.next()).contains(Stage.GENERATE);
        assertThat(Stage.GENERATE.next()).contains(Stage.ASSEMBLE);
        assertThat(Stage.ASSEMBLE.next()).isEmpty();

        assertThat(Stage.ENRICH.queue()).isEqualTo(Queues.ENRICHMENT_REQUESTS);
        assertThat(Stage.SCREEN_TEXT.queue()).isEqualTo(Queues.MODERATION_REQUESTS);
        assertThat(Stage.GENERATE.queue()).isEqualTo(Queues.GENERATION_REQUESTS);
        assertThat(Stage.ASSEMBLE.queue()).isEqualTo(Queues.POSTPROCESS_REQUESTS);
        assertThat(Stage.ENRICH.command()).isEqualTo(EnrichStoryCommand.getDescriptor());
        assertThat(Stage.SCREEN_TEXT.command()).isEqualTo(ModerateTextCommand.getDescriptor());
        assertThat(Stage.GENERATE.command()).isEqualTo(GenerateShotCommand.getDescriptor());
        assertThat(Stage.ASSEMBLE.command()).isEqualTo(AssembleFilmCommand.getDescriptor());
        assertThat(Stage.ENRICH.entry()).isEqualTo(ENRICHING);
        assertThat(Stage.GENERATE.entry()).isEqualTo(QUEUED);
    }

    @Test
    void everyStageEventAppliesOnlyWhileItsStageIsAtWork() {
        for (PayloadCase event : PayloadCase.values()) {
            if (event == PayloadCase.STAGE_FAILED || event == PayloadCase.PAYLOAD_NOT_SET) {
                assertThat(Stage.handling(event)).as("%s belongs to no stage", event).isEmpty();
                continue;
            }
            Stage stage = Stage.handling(event).orElseThrow(() -> new AssertionError("no stage handles " + event));
            assertThat(stage.events()).contains(event);
            for (StoryStatus status : StoryStatus.values()) {
                assertThat(stage.isActiveIn(status)).as("%s in %s", event, status).isEqualTo(APPLIES_IN.get(event).contains(status));
            }
        }
    }
}
