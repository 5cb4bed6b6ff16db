package io.starloom.postprocess.media;

import java.util.List;

/** One subtitle on screen from {@code startMillis} (inclusive) to {@code endMillis}: one or two lines. */
public record SubtitleCue(long startMillis, long endMillis, List<String> lines) {
    public SubtitleCue {
        lines = List.copyOf(lines);
    }
}
