package io.starloom.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.starloom.cli.Stories;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;

class StoryTextTest {
    @Test
    void rejectionNamesReasonAndEachDistinctFindingInTheStorysLanguage() {
        Finding finding = Finding.newBuilder().setCategory(Category.CATEGORY_SEXUAL).setTerm("色情").setStart(7).setEnd(9).build();
        Story rejected = Stories.story("s", StoryState.STORY_STATE_REJECTED, 0, 0)
                .setFailure(Failure.newBuilder().setReason("MODERATION_BLOCKED").setMessage("not allowed (sexual)"))
                .addFindings(finding).addFindings(finding).addFindings(finding.toBuilder().setStart(45).setEnd(47)).build();

        assertThat(StoryText.verdict(rejected).lines()).containsExactly(
                "rejected: MODERATION_BLOCKED — not allowed (sexual)",
                "  sexual: \"色情\" at 7–9",
                "  sexual: \"色情\" at 45–47");
    }

    @Test
    void completionDescribesTheFilm() {
        assertThat(StoryText.verdict(Stories.completed("s-1", 12))).isEqualTo("completed: s-1 (14.2 s, 1280×720 at 24 fps)");
    }

    @Test
    void elapsedStopsAtTheLastChangeOnceFinalAndNeverGoesNegative() {
        Instant muchLater = Instant.ofEpochSecond(Stories.CREATED + 3600);
        assertThat(StoryText.elapsed(Stories.completed("s", 12), muchLater)).hasSeconds(12);
        Story running = Stories.story("s", StoryState.STORY_STATE_GENERATING, 40, 1).build();
        assertThat(StoryText.elapsed(running, muchLater)).hasSeconds(3600);
        assertThat(StoryText.elapsed(running, Instant.ofEpochSecond(Stories.CREATED - 5))).isZero();
    }

    @Test
    void summaryListsSettingsShotsAndFilm() {
        Story story = Stories.completed("s-1", 12).toBuilder().setStyle(Style.STYLE_INK_WASH).build();

        assertThat(StoryText.summary(story, ZoneOffset.UTC)).contains(
                "id         s-1",
                "title      安德洛墨达",
                "state      COMPLETED  100%",
                "language   detected   style ink-wash   resolution 720p",
                "shots      3/3 done",
                "  #1   GENERATED  attempt 1  第2幕",
                "film       14.2 s, 1280×720 at 24 fps");
    }

    @Test
    void rowFitsOneLine() {
        assertThat(StoryText.row(Stories.completed("0f1e", 12), ZoneOffset.UTC))
                .isEqualTo(String.format("%-36s  COMPLETED  100%%  2026-01-01 00:00:00  安德洛墨达", "0f1e"));
    }

    @Test
    void aWaitingStorySaysHowManyShotsAreAheadAndWhenItShouldBeRendered() {
        Instant now = Instant.ofEpochSecond(Stories.CREATED + 100);
        Story waiting = Stories.completed("w", 12).toBuilder().setState(StoryState.STORY_STATE_QUEUED)
                .setQueuePosition(12).setGenerationEta(com.google.protobuf.Timestamp.newBuilder().setSeconds(now.getEpochSecond() + 250)).build();
        assertThat(StoryText.queue(waiting, now)).isEqualTo("  12 shots ahead, eta 04:10");
        assertThat(StoryText.queue(waiting.toBuilder().clearGenerationEta().setQueuePosition(1).build(), now)).isEqualTo("  1 shot ahead");
        assertThat(StoryText.queue(Stories.completed("c", 12), now)).isEmpty();
    }
}
