package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Transition;

class FilmPlanTest {
    private static final Transition FADE = Transition.TRANSITION_CROSSFADE;

    @Test
    void withoutNarrationShotsLastTheirClipsAndOverlapByTheirTransitions() {
        FilmPlan plan = FilmPlan.of(24, List.of(2.0, 2.0, 2.5), List.of(0.0, 0.0, 0.0),
                List.of(Transition.TRANSITION_UNSPECIFIED, Transition.TRANSITION_CUT, FADE), 0.5, 1.25);
        FilmTimeline timeline = plan.timeline();
        assertEquals(Transition.TRANSITION_CROSSFADE, timeline.transitionInto(1), "unspecified is a crossfade");
        assertEquals(12, timeline.fadeFrames(1));
        assertEquals(0, timeline.fadeFrames(2), "a cut overlaps nothing");
        assertEquals(48 + 48 - 12 + 60, timeline.totalFrames());
        assertEquals("1.500000", timeline.xfadeOffset(1));
        assertEquals(1.0, plan.shot(0).slowdown());
        assertEquals(0, plan.shot(0).holdFrames());
        assertEquals(1750, timeline.spanStartMillis(1), "mid-fade");
        assertEquals(3500, timeline.spanEndMillis(1), "the cut");
    }

    @Test
    void speechLongerThanItsClipSlowsTheClipThenHoldsIt() {
        // 2 s clip, 4 s of speech: the shot needs lead + 4 + tail + half the fade out = 4.85 s.
        FilmPlan plan = FilmPlan.of(24, List.of(2.0, 2.0), List.of(4.0, 0.0), List.of(FADE, FADE), 0.5, 1.25);
        FilmPlan.ShotTiming first = plan.shot(0);
        long needed = (long) Math.ceil((FilmPlan.LEAD_SECONDS + 4.0 + FilmPlan.TAIL_SECONDS + 0.25) * 24);
        assertEquals(needed, first.frames());
        assertEquals(1.25, first.slowdown(), "slowed as far as allowed");
        assertEquals(needed - 60 + 2, first.holdFrames(), "the rest is a held last frame");
        assertTrue(plan.timeline().spanEndMillis(0) - plan.narrationStartMillis(0) >= 4000 + FilmPlan.TAIL_SECONDS * 1000 - 1,
                "the sentence fits before the shot's span ends");
        assertEquals(48, plan.shot(1).frames(), "a silent shot keeps its clip's length");
    }

    @Test
    void aLittleMoreTimeIsOnlyASlowdown() {
        FilmPlan plan = FilmPlan.of(24, List.of(3.0), List.of(2.9), List.of(FADE), 0.5, 1.25);
        FilmPlan.ShotTiming shot = plan.shot(0);
        assertEquals((long) Math.ceil((FilmPlan.LEAD_SECONDS + 2.9 + FilmPlan.TAIL_SECONDS) * 24), shot.frames());
        assertTrue(shot.slowdown() > 1 && shot.slowdown() < 1.25, "slowed by " + shot.slowdown());
        assertTrue(shot.holdFrames() <= 2, "no visible hold: " + shot.holdFrames());
    }
}
