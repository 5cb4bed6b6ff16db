package io.starloom.moderation.classifier.nsfwjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.starloom.moderation.classifier.onnx.OnnxFrameClassifier;
import io.starloom.moderation.frames.FrameRules;

/**
 * No false blocks on our own renders: the labelled set of {@link OwnRenders} (60 frames, all allowed
 * content) against the real nsfwjs model and the thresholds the service ships with (application.properties).
 * Prints the highest score per label and kind, the table in docs/safety-frames.md.
 */
class OwnRendersTest {
    private static OnnxFrameClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = NsfwjsClassifier.load(1);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void noneOfOurRendersIsFlaggedAtTheShippedThresholds() throws IOException {
        FrameRules rules = shippedRules();
        assertThat(rules.rules()).containsKeys("porn", "hentai", "sexy");
        int frames = 0;
        StringBuilder table = new StringBuilder("| kind | frames | max drawing | max hentai | max neutral | max porn | max sexy | flagged |\n");
        for (Map.Entry<String, List<BufferedImage>> kind : OwnRenders.all().entrySet()) {
            List<Map<String, Float>> scores = classifier.classify(kind.getValue());
            Map<String, Float> max = new HashMap<>();
            long flagged = 0;
            for (Map<String, Float> frame : scores) {
                frame.forEach((label, score) -> max.merge(label, score, Math::max));
                flagged += rules.hits(frame).isEmpty() ? 0 : 1;
            }
            frames += scores.size();
            table.append(String.format("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %d |%n", kind.getKey(), scores.size(), max.get("drawing"),
                    max.get("hentai"), max.get("neutral"), max.get("porn"), max.get("sexy"), flagged));
            assertThat(flagged).as("%s frames flagged (max scores %s)", kind.getKey(), max).isZero();
        }
        System.out.print(table);
        assertThat(frames).isEqualTo(60);
    }

    /** The nsfwjs rules exactly as the service reads them. */
    private static FrameRules shippedRules() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = OwnRendersTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String prefix = "starloom.moderation.frames.nsfwjs.rules.";
        Map<String, Double> thresholds = new HashMap<>();
        Map<String, String> categories = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(".threshold")) {
                String label = key.substring(prefix.length(), key.length() - ".threshold".length());
                thresholds.put(label, Double.parseDouble(properties.getProperty(key)));
                categories.put(label, properties.getProperty(prefix + label + ".category"));
            }
        }
        return FrameRules.of(thresholds, categories, classifier.labels());
    }
}
