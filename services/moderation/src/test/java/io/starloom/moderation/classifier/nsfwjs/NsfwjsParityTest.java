package io.starloom.moderation.classifier.nsfwjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.starloom.moderation.classifier.onnx.OnnxFrameClassifier;
import io.starloom.moderation.frames.FrameClassifier;

/**
 * The converted model answers what the reference implementation answers: nsfwjs 4.4.0 on TF.js, run by
 * src/test/nsfwjs-reference/generate.mjs on the images next to the golden file.
 */
class NsfwjsParityTest {
    private static final double TOLERANCE = 1e-4;
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
    void everyGoldenImageScoresLikeTfjs() throws IOException {
        JsonNode golden = read("golden.json");
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (Iterator<String> it = golden.path("images").fieldNames(); it.hasNext();) {
            String name = it.next();
            names.add(name);
            try (InputStream in = resource(name)) {
                images.add(ImageIO.read(in));
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(5);
        List<Map<String, Float>> scores = classifier.classify(images);
        assertThat(scores).hasSize(names.size());
        List<String> labels = new ArrayList<>();
        golden.path("classes").forEach(label -> labels.add(FrameClassifier.normalise(label.asText())));
        assertThat(classifier.labels()).isEqualTo(labels);
        double worst = 0;
        for (int i = 0; i < names.size(); i++) {
            JsonNode expected = golden.path("images").path(names.get(i));
            for (int label = 0; label < labels.size(); label++) {
                double difference = Math.abs(scores.get(i).get(labels.get(label)) - expected.get(label).asDouble());
                worst = Math.max(worst, difference);
                assertThat((double) scores.get(i).get(labels.get(label))).as("%s %s", names.get(i), labels.get(label))
                        .isCloseTo(expected.get(label).asDouble(), within(TOLERANCE));
            }
        }
        System.out.printf("nsfwjs parity: %d images, largest difference from TF.js %.2e%n", names.size(), worst);
    }

    @Test
    void oneFrameAtATimeScoresAsInABatch() throws IOException {
        BufferedImage image;
        try (InputStream in = resource("ink-wash.png")) {
            image = ImageIO.read(in);
        }
        Map<String, Float> alone = classifier.classify(List.of(image)).get(0);
        Map<String, Float> batched = classifier.classify(List.of(image, image)).get(1);
        alone.forEach((label, score) -> assertThat(batched.get(label)).isCloseTo(score, within(1e-6f)));
        assertThat(alone.values().stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(1.0, within(1e-5));
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = NsfwjsParityTest.class.getResourceAsStream("/nsfwjs-parity/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
