package io.starloom.enrichment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.Durations;

import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.PlanOptions;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

/** Shots are sized to the seconds one call of the story's model profile makes, as the scheduler tells enrichment. */
class ProfileShotSecondsTest {
    private static final String STORY = "织女是天帝的孙女，在银河东岸织出彩霞。牛郎在河西放牛，每日望着天上的星光。两人相爱后被王母划出的银河隔开，"
            + "只能隔河相望。每年七月初七，喜鹊飞来搭成鹊桥，让他们在桥上相会。天亮之前，鹊桥散去，织女回到东岸，牛郎回到西岸，"
            + "银河又把他们分开。人们在七夕夜里仰望织女星和牛郎星，记得这一年一次的相逢。";

    private final StoryboardPlanner planner = Samples.planner();

    @Test
    void shorterClipsCarryLessNarrationEachSoTheStoryTakesMoreShots() {
        Storyboard configured = plan(0);
        Storyboard threeSeconds = plan(3);
        assertThat(durations(threeSeconds)).as("each shot lasts what the profile makes").containsOnly(3000L);
        assertThat(threeSeconds.getPlan().getShotSeconds()).isEqualTo(3);
        int perShot = planner.budgetFor(3).perShot(Language.LANGUAGE_ZH);
        assertThat(threeSeconds.getShotsList()).extracting(Shot::getNarration)
                .allSatisfy(line -> assertThat(ReadingBudget.units(line, Language.LANGUAGE_ZH)).isLessThanOrEqualTo(perShot));
        assertThat(threeSeconds.getShotsCount()).as("the same story over shorter shots").isGreaterThan(configured.getShotsCount());
        assertThat(words(threeSeconds)).as("nothing is dropped (a comma where a shot ends may be)").isEqualTo(words(configured));
    }

    @Test
    void theDefaultIsTheConfiguredShotLengthAndLongClipsStayWithinWhatAnEditMayAsk() {
        int configured = planner.capacity().budget().shotSeconds();
        assertThat(durations(plan(0))).containsOnly(configured * 1000L);
        assertThat(durations(plan(configured))).containsOnly(configured * 1000L);
        assertThat(durations(plan(60))).containsOnly(EditedStoryboards.MAX_SECONDS * 1000L);
    }

    private Storyboard plan(int shotSeconds) {
        return planner.plan(new StoryInput(STORY, Language.LANGUAGE_ZH, Style.STYLE_INK_WASH, "story-1", PlanOptions.getDefaultInstance(),
                shotSeconds));
    }

    private static String words(Storyboard storyboard) {
        return String.join("", storyboard.getShotsList().stream().map(Shot::getNarration).toList()).replaceAll("[，。]", "");
    }

    private static List<Long> durations(Storyboard storyboard) {
        return storyboard.getShotsList().stream().map(shot -> Durations.toMillis(shot.getDuration())).toList();
    }
}
