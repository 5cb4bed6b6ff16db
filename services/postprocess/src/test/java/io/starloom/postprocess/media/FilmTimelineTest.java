package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class FilmTimelineTest {
    private static final Duration HALF_SECOND = Duration.ofMillis(500);

    @Test
    void threeWanClipsAtTwentyFourFps() {
        // 81 frames at 16 fps = 5.0625 s; clips start at 4.5625 s (109.5 frames → 110) and 9.125 s (219).
        FilmTimeline timeline = FilmTimeline.of(List.of(5.0625, 5.0625, 5.0625), 24, HALF_SECOND);

        assertEquals("0.500000", timeline.xfadeDuration(1));
        assertEquals("4.583333", timeline.xfadeOffset(1));
        assertEquals("9.125000", timeline.xfadeOffset(2));
        assertEquals(219 + 122, timeline.totalFrames()); // the last clip fills 121.5 → 122 frames, like ffmpeg's fps filter
        assertEquals(14_208, timeline.totalMillis());
        // Shots change in the middle of each crossfade: frame 110 + 6 = 116 → 4833.3 ms; 219 + 6 = 225 → 9375 ms.
        assertEquals(new NarrationSpan("a", 0, 4833), timeline.span(0, "a"));
        assertEquals(new NarrationSpan("b", 4833, 9375), timeline.span(1, "b"));
        assertEquals(new NarrationSpan("c", 9375, 14_208), timeline.span(2, "c"));
    }

    @Test
    void roundingDoesNotAccumulateOverManyShots() {
        FilmTimeline timeline = FilmTimeline.of(Collections.nCopies(12, 5.0625), 24, HALF_SECOND);
        double nominal = 12 * 5.0625 - 11 * 0.5;
        assertEquals(nominal, timeline.totalFrames() / 24.0, 1.5 / 24, "within a frame and a half of the exact length");
    }

    @Test
    void aSingleClipHasNoCrossfade() {
        FilmTimeline timeline = FilmTimeline.of(List.of(2.0), 24, HALF_SECOND);
        assertEquals(48, timeline.totalFrames());
        assertEquals(new NarrationSpan("x", 0, 2000), timeline.span(0, "x"));
    }

    @Test
    void aCrossfadeNeverTakesMoreThanHalfAClip() {
        // 0.5 s clips hold 12 frames: the fades shrink to 6 frames so the middle clip still shows.
        FilmTimeline timeline = FilmTimeline.of(List.of(2.0, 0.5, 2.0), 24, HALF_SECOND);
        assertEquals("0.250000", timeline.xfadeDuration(1));
        assertEquals("0.250000", timeline.xfadeDuration(2));
        assertEquals("1.750000", timeline.xfadeOffset(1));
        assertEquals("2.000000", timeline.xfadeOffset(2));
        assertEquals(48 + 12 + 48 - 12, timeline.totalFrames());
    }

    @Test
    void aCrossfadeOfZeroStillTakesOneFrame() {
        FilmTimeline timeline = FilmTimeline.of(List.of(2.0, 2.0), 24, Duration.ZERO);
        assertEquals("0.041667", timeline.xfadeDuration(1));
        assertEquals(95, timeline.totalFrames());
    }

    @Test
    void theLastClipCountsItsNearestWholeFrames() {
        // 2.03 s × 24 = 48.72 → 49 frames after the clip's start at 1.5 s (36 frames).
        FilmTimeline timeline = FilmTimeline.of(List.of(2.0, 2.03), 24, HALF_SECOND);
        assertEquals("1.500000", timeline.xfadeOffset(1));
        assertEquals(85, timeline.totalFrames());
        assertEquals(3542, timeline.totalMillis());
    }
}
