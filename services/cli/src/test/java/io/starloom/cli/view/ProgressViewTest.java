package io.starloom.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.starloom.cli.Stories;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;

class ProgressViewTest {
    private static final Clock SEVENTY_FIVE_SECONDS_IN = Clock.fixed(Instant.ofEpochSecond(Stories.CREATED + 75), ZoneOffset.UTC);

    @Test
    void barShowsFillPercentStateShotsAndElapsedTime() {
        Story generating = Stories.story("s", StoryState.STORY_STATE_GENERATING, 52, 1).build();

        assertThat(ProgressView.bar(generating, Duration.ofSeconds(75)))
                .isEqualTo("[###############...............]  52%  GENERATING  shots 1/3  01:15");
    }

    @Test
    void barIsEmptyAtZeroFullAtHundredAndClampsNonsense() {
        assertThat(ProgressView.bar(Stories.story("s", StoryState.STORY_STATE_SUBMITTED, 0, 0).clearShots().build(), Duration.ZERO))
                .isEqualTo("[..............................]   0%  SUBMITTED   00:00");
        assertThat(ProgressView.bar(Stories.story("s", StoryState.STORY_STATE_ASSEMBLING, 140, 3).build(), Duration.ofHours(1).plusSeconds(62)))
                .startsWith("[##############################] 100%").endsWith("1:01:02");
    }

    @Test
    void plainOutputWritesOneLinePerChangeWithTheElapsedTime() {
        StringWriter text = new StringWriter();
        try (ProgressView view = new ProgressView(new PrintWriter(text), false, SEVENTY_FIVE_SECONDS_IN)) {
            Story enriching = Stories.story("s", StoryState.STORY_STATE_ENRICHING, 5, 0).clearShots().build();
            view.show(enriching);
            view.show(enriching);
            view.show(Stories.story("s", StoryState.STORY_STATE_GENERATING, 40, 1).build());
            view.show(Stories.story("s", StoryState.STORY_STATE_GENERATING, 40, 1).build());
            view.show(Stories.completed("s", 90));
        }

        assertThat(text.toString().lines()).containsExactly(
                "01:15  ENRICHING    5%",
                "01:15  GENERATING  40%  shots 1/3",
                "01:30  COMPLETED  100%  shots 3/3");
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void terminalOutputRedrawsOneLineInPlaceAndEndsItOnClose() {
        StringWriter text = new StringWriter();
        try (ProgressView view = new ProgressView(new PrintWriter(text), true, SEVENTY_FIVE_SECONDS_IN)) {
            view.show(Stories.story("s", StoryState.STORY_STATE_GENERATING, 40, 1).build());
            view.show(Stories.story("s", StoryState.STORY_STATE_GENERATING, 65, 2).build());
        }

        assertThat(text.toString()).startsWith("\r[############..................]  40%  GENERATING  shots 1/3  01:15\u001b[K")
                .contains("\r[###################...........]  65%  GENERATING  shots 2/3  01:15\u001b[K").endsWith(System.lineSeparator());
        assertThat(text.toString().chars().filter(c -> c == '\n')).as("line feeds").hasSize(1);
    }
}
