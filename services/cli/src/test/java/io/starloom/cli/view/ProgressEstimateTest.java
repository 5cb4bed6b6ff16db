package io.starloom.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;

/** The pre-flight estimate is printed once, before the shots render, with the price only for hosted profiles. */
class ProgressEstimateTest {

    @Test
    void theEstimateIsShownOnceWithItsPriceWhenHosted() {
        StringWriter text = new StringWriter();
        Story hosted = Story.newBuilder().setState(StoryState.STORY_STATE_QUEUED).setProfile("wan2.6-t2v-720p")
                .setEstimate(GenerationEstimate.newBuilder().setShots(3).setVideoSeconds(15).setRenderSeconds(360).setTypicalHardware("hosted")
                        .setPriceUsd(1.5))
                .build();
        try (ProgressView view = new ProgressView(new PrintWriter(text), false, Clock.systemUTC())) {
            view.show(hosted);
            view.show(hosted.toBuilder().setState(StoryState.STORY_STATE_GENERATING).build());
        }
        assertThat(text.toString()).containsOnlyOnce("estimate: 3 shots of wan2.6-t2v-720p, 15.0 s of video, ~360 s rendering (hosted), US$1.50");
    }

    @Test
    void aSelfHostedEstimateHasNoPrice() {
        Story gpu = Story.newBuilder().setProfile("wan2.2-t2v-a14b-480p").setEstimate(GenerationEstimate.newBuilder().setShots(2)
                .setVideoSeconds(10.12).setRenderSeconds(653.8).setTypicalHardware("H100")).build();
        assertThat(ProgressView.estimate(gpu)).isEqualTo("estimate: 2 shots of wan2.2-t2v-a14b-480p, 10.1 s of video, ~654 s rendering (H100)");
    }
}
