package io.starloom.postprocess.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns each shot's narration into subtitle cues timed to the shot's span in the film. A narration that
 * needs more than {@value #MAX_LINES_PER_CUE} lines becomes several consecutive cues that share the
 * span in proportion to their length, so the reader gets more time for more text. Line rules: see
 * {@link SubtitleLineBreaker}.
 */
public final class SubtitleWriter {
    static final int MAX_LINES_PER_CUE = 2;

    private SubtitleWriter() {
    }

    public static Subtitles write(List<NarrationSpan> shots) {
        List<SubtitleCue> cues = new ArrayList<>();
        for (NarrationSpan shot : shots) {
            cues.addAll(cuesOf(shot));
        }
        return new Subtitles(cues);
    }

    private static List<SubtitleCue> cuesOf(NarrationSpan shot) {
        List<String> lines = SubtitleLineBreaker.lines(shot.narration());
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += MAX_LINES_PER_CUE) {
            groups.add(lines.subList(i, Math.min(lines.size(), i + MAX_LINES_PER_CUE)));
        }
        long total = groups.stream().mapToLong(SubtitleWriter::weight).sum();
        long span = shot.endMillis() - shot.startMillis();
        List<SubtitleCue> cues = new ArrayList<>();
        long start = shot.startMillis();
        long done = 0;
        for (List<String> group : groups) {
            done += weight(group);
            // Integer arithmetic rounding half up: the last cue ends exactly at the span's end.
            long end = shot.startMillis() + (2 * span * done + total) / (2 * total);
            cues.add(new SubtitleCue(start, end, group));
            start = end;
        }
        return cues;
    }

    /** Reading length of a cue: its characters, spaces left out. */
    private static long weight(List<String> lines) {
        return lines.stream().mapToLong(line -> line.codePoints().filter(c -> c != ' ').count()).sum();
    }
}
