package io.starloom.postprocess.media;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where each shot sits in the film. Clip {@code k} fades in over the end of clip {@code k-1}; a fade
 * lasts at least one frame and never more than half of either clip. Clip start times come from the
 * probed durations minus the fades before them and are rounded to the nearest output frame only at
 * the end, so rounding never accumulates over many shots; every crossfade starts on a frame. A shot's
 * span for subtitles runs from the middle of the fade into it to the middle of the fade out of it.
 */
public final class FilmTimeline {
    private final int fps;
    /** {@code fadeFrames[k]}: length of the crossfade from clip k-1 into clip k; 0 for the first clip. */
    private final int[] fadeFrames;
    /** {@code startFrames[k]}: film frame at which clip k starts to appear (the xfade offset). */
    private final long[] startFrames;
    private final long totalFrames;

    private FilmTimeline(int fps, int[] fadeFrames, long[] startFrames, long totalFrames) {
        this.fps = fps;
        this.fadeFrames = fadeFrames;
        this.startFrames = startFrames;
        this.totalFrames = totalFrames;
    }

    /**
     * @param clipSeconds the probed duration of each clip, in film order
     */
    public static FilmTimeline of(List<Double> clipSeconds, int fps, Duration crossfade) {
        if (clipSeconds.isEmpty() || fps <= 0) {
            throw new IllegalArgumentException("a film needs clips and a frame rate");
        }
        int count = clipSeconds.size();
        double frame = 1.0 / fps;
        double wanted = crossfade.toNanos() / 1e9;
        int[] fades = new int[count];
        long[] starts = new long[count];
        double start = 0;
        for (int k = 1; k < count; k++) {
            // xfade needs at least one frame: a zero-length fade drops the rest of the film.
            double fade = Math.max(frame, Math.min(wanted, Math.min(clipSeconds.get(k - 1), clipSeconds.get(k)) / 2));
            start += clipSeconds.get(k - 1) - fade;
            fades[k] = (int) Math.max(1, Math.round(fade * fps));
            starts[k] = Math.round(start * fps);
        }
        long lastFrames = Math.max(1, Math.round(clipSeconds.get(count - 1) * fps));
        return new FilmTimeline(fps, fades, starts, starts[count - 1] + lastFrames);
    }

    public int fps() {
        return fps;
    }

    public long totalFrames() {
        return totalFrames;
    }

    public long totalMillis() {
        return millis(2 * totalFrames());
    }

    /** xfade {@code offset} of the transition into clip {@code k ≥ 1}, in seconds. */
    public String xfadeOffset(int k) {
        return seconds(startFrames[k]);
    }

    /** xfade {@code duration} of the transition into clip {@code k ≥ 1}, in seconds. */
    public String xfadeDuration(int k) {
        return seconds(fadeFrames[k]);
    }

    /** The part of the film that belongs to shot {@code k}. */
    public NarrationSpan span(int k, String narration) {
        long start = k == 0 ? 0 : millis(2 * startFrames[k] + fadeFrames[k]);
        long end = k == startFrames.length - 1 ? totalMillis() : millis(2 * startFrames[k + 1] + fadeFrames[k + 1]);
        return new NarrationSpan(narration, start, end);
    }

    /** Milliseconds of a count of half frames, rounded half up. */
    private long millis(long halfFrames) {
        return (halfFrames * 1000 + fps) / (2L * fps);
    }

    private String seconds(long frames) {
        return String.format(Locale.ROOT, "%.6f", (double) frames / fps);
    }
}
