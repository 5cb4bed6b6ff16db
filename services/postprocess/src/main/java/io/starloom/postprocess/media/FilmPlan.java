package io.starloom.postprocess.media;

import java.util.ArrayList;
import java.util.List;

import io.starloom.proto.v1.Transition;

/**
 * Plans how long every shot stays on screen so that its narration is never cut: a shot lasts at least
 * its clip, and longer when its speech (or the time needed to read its subtitles) plus a short lead-in
 * and breath does not fit into the shot's own span. A held clip first slows down smoothly, up to
 * {@code maxSlowdown} (the frame-rate conversion blends the stretched frames), and then holds its last
 * frame for whatever time is still missing.
 */
public final class FilmPlan {
    /** Silence before the narration starts in a shot, in seconds. */
    public static final double LEAD_SECONDS = 0.25;
    /** Silence after the narration before the shot's span ends, in seconds. */
    public static final double TAIL_SECONDS = 0.35;

    private final FilmTimeline timeline;
    private final List<ShotTiming> shots;

    private FilmPlan(FilmTimeline timeline, List<ShotTiming> shots) {
        this.timeline = timeline;
        this.shots = shots;
    }

    /**
     * How one shot's clip becomes its part of the film.
     *
     * @param slowdown factor the clip's timestamps are stretched by (1 = real time)
     * @param holdFrames frames of the last picture added after the (slowed) clip; the clip is then trimmed
     *        to the shot's frames
     */
    public record ShotTiming(long frames, double slowdown, long holdFrames) {
    }

    /**
     * @param clipSeconds probed length of every clip
     * @param needSeconds time the shot's narration needs (speech or reading, whichever is longer); 0 for none
     * @param transitionsOut how each shot gives way to the next (the last is ignored)
     */
    public static FilmPlan of(int fps, List<Double> clipSeconds, List<Double> needSeconds, List<Transition> transitionsOut,
            double fadeSeconds, double maxSlowdown) {
        int count = clipSeconds.size();
        List<Integer> fades = new ArrayList<>();
        List<Transition> into = new ArrayList<>();
        fades.add(0);
        into.add(Transition.TRANSITION_CUT);
        for (int k = 1; k < count; k++) {
            Transition transition = normalised(transitionsOut.get(k - 1));
            into.add(transition);
            if (transition == Transition.TRANSITION_CUT) {
                fades.add(0);
            } else {
                // xfade needs at least one frame; a fade never takes more than half of either clip.
                double fade = Math.min(fadeSeconds, Math.min(clipSeconds.get(k - 1), clipSeconds.get(k)) / 2);
                fades.add((int) Math.max(1, Math.round(fade * fps)));
            }
        }
        List<Long> frames = new ArrayList<>();
        List<ShotTiming> shots = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long clipFrames = Math.max(1, Math.round(clipSeconds.get(k) * fps));
            double need = needSeconds.get(k);
            long shotFrames = clipFrames;
            if (need > 0) {
                double overlap = (fades.get(k) + (k + 1 < count ? fades.get(k + 1) : 0)) / 2.0 / fps;
                shotFrames = Math.max(clipFrames, (long) Math.ceil((LEAD_SECONDS + need + TAIL_SECONDS + overlap) * fps));
            }
            double slowdown = Math.min(maxSlowdown, (double) shotFrames / clipFrames);
            long slowedFrames = (long) Math.floor(clipFrames * slowdown);
            // A frame or two more than needed: the trim after the hold then cuts to the exact length.
            long hold = shotFrames > slowedFrames ? shotFrames - slowedFrames + 2 : 0;
            frames.add(shotFrames);
            shots.add(new ShotTiming(shotFrames, slowdown, hold));
        }
        return new FilmPlan(FilmTimeline.of(fps, frames, fades, into), List.copyOf(shots));
    }

    /** UNSPECIFIED means the default, a crossfade. */
    static Transition normalised(Transition transition) {
        return transition == Transition.TRANSITION_UNSPECIFIED || transition == Transition.UNRECOGNIZED
                ? Transition.TRANSITION_CROSSFADE : transition;
    }

    public FilmTimeline timeline() {
        return timeline;
    }

    public ShotTiming shot(int k) {
        return shots.get(k);
    }

    /** When shot {@code k}'s narration starts, in milliseconds of the film. */
    public long narrationStartMillis(int k) {
        return timeline.spanStartMillis(k) + Math.round(LEAD_SECONDS * 1000);
    }
}
