package io.starloom.postprocess.media;

import java.util.List;
import java.util.Locale;

import io.starloom.proto.v1.Transition;

/**
 * Where each shot sits in the film, in output frames. Shot {@code k} lasts {@code shotFrames[k]} frames
 * (its clip, held longer when its narration needs more time) and overlaps the shot before it by the
 * transition into it ({@code fadeFrames[k]}, 0 for a cut). Start frames are sums of whole frames, so
 * rounding never accumulates and every transition starts on a frame. A shot's own span — for its
 * narration, subtitles and chapter — runs from the middle of the transition into it to the middle of the
 * transition out of it.
 */
public final class FilmTimeline {
    private final int fps;
    private final long[] shotFrames;
    private final int[] fadeFrames;
    private final Transition[] transitions;
    private final long[] startFrames;
    private final long totalFrames;

    private FilmTimeline(int fps, long[] shotFrames, int[] fadeFrames, Transition[] transitions) {
        this.fps = fps;
        this.shotFrames = shotFrames;
        this.fadeFrames = fadeFrames;
        this.transitions = transitions;
        this.startFrames = new long[shotFrames.length];
        for (int k = 1; k < shotFrames.length; k++) {
            startFrames[k] = startFrames[k - 1] + shotFrames[k - 1] - fadeFrames[k];
        }
        this.totalFrames = startFrames[shotFrames.length - 1] + shotFrames[shotFrames.length - 1];
    }

    /**
     * @param shotFrames length of every shot in frames, in film order
     * @param fadeFrames {@code fadeFrames[k]}: frames of the transition into shot k (0 for k = 0 and for cuts)
     * @param transitions {@code transitions[k]}: the transition into shot k (ignored for k = 0)
     */
    public static FilmTimeline of(int fps, List<Long> shotFrames, List<Integer> fadeFrames, List<Transition> transitions) {
        if (shotFrames.isEmpty() || fps <= 0 || fadeFrames.size() != shotFrames.size() || transitions.size() != shotFrames.size()) {
            throw new IllegalArgumentException("a film needs shots, a transition into each, and a frame rate");
        }
        return new FilmTimeline(fps, shotFrames.stream().mapToLong(Long::longValue).toArray(),
                fadeFrames.stream().mapToInt(Integer::intValue).toArray(), transitions.toArray(Transition[]::new));
    }

    public int fps() {
        return fps;
    }

    public int shots() {
        return shotFrames.length;
    }

    public long totalFrames() {
        return totalFrames;
    }

    public long totalMillis() {
        return millis(2 * totalFrames);
    }

    public long shotFrames(int k) {
        return shotFrames[k];
    }

    public int fadeFrames(int k) {
        return fadeFrames[k];
    }

    public Transition transitionInto(int k) {
        return transitions[k];
    }

    /** xfade {@code offset} of the transition into shot {@code k ≥ 1}, in seconds. */
    public String xfadeOffset(int k) {
        return seconds(startFrames[k]);
    }

    /** xfade {@code duration} of the transition into shot {@code k ≥ 1}, in seconds. */
    public String xfadeDuration(int k) {
        return seconds(fadeFrames[k]);
    }

    /** When shot {@code k}'s first frame (the first of its transition in) is shown, in milliseconds. */
    public long shotStartMillis(int k) {
        return millis(2 * startFrames[k]);
    }

    /** When shot {@code k}'s last frame (the last of its transition out) ends, in milliseconds. */
    public long shotEndMillis(int k) {
        return millis(2 * (startFrames[k] + shotFrames[k]));
    }

    /** Start of shot {@code k}'s own span, in milliseconds. */
    public long spanStartMillis(int k) {
        return k == 0 ? 0 : millis(2 * startFrames[k] + fadeFrames[k]);
    }

    /** End of shot {@code k}'s own span, in milliseconds. */
    public long spanEndMillis(int k) {
        return k == shotFrames.length - 1 ? totalMillis() : millis(2 * startFrames[k + 1] + fadeFrames[k + 1]);
    }

    /** The part of the film that belongs to shot {@code k}. */
    public NarrationSpan span(int k, String narration) {
        return new NarrationSpan(narration, spanStartMillis(k), spanEndMillis(k));
    }

    /** Total length as ffmpeg reads a duration, in seconds. */
    public String totalSeconds() {
        return seconds(totalFrames);
    }

    /** Milliseconds of a count of half frames, rounded half up. */
    private long millis(long halfFrames) {
        return (halfFrames * 1000 + fps) / (2L * fps);
    }

    private String seconds(long frames) {
        return String.format(Locale.ROOT, "%.6f", (double) frames / fps);
    }
}
