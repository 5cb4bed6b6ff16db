package io.starloom.postprocess.media;

/** The narration of one shot and the part of the film, in milliseconds, that the shot holds. */
public record NarrationSpan(String narration, long startMillis, long endMillis) {
    public NarrationSpan {
        if (startMillis < 0 || endMillis < startMillis) {
            throw new IllegalArgumentException("span " + startMillis + "–" + endMillis + " ms is not a time span");
        }
    }
}
