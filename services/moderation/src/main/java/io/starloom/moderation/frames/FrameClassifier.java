package io.starloom.moderation.frames;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The port every frame classifier fills: scores per label for each frame. Blocking (a model run or an
 * HTTP call): call it from a worker thread. Labels are lower case with {@code -} between words
 * ({@code porn}, {@code sexual-minors}), the names the thresholds are configured under.
 */
public interface FrameClassifier {
    /** What judged, for logs and events, e.g. {@code nsfwjs-mobilenet-v2}. */
    String name();

    /** Every label the classifier scores; thresholds name only these. */
    List<String> labels();

    /** One map per frame, in order: label to score in 0..1. Frames may be of any size. */
    List<Map<String, Float>> classify(List<BufferedImage> frames);

    /** A label as thresholds name it: {@code Porn} becomes {@code porn}, {@code sexual/minors} {@code sexual-minors}. */
    static String normalise(String label) {
        return label.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
