package io.starloom.moderation.classifier.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.moderation.classifier.onnx.OnnxGraph.Attribute;

/**
 * An operator's own ONNX model, read from a file: here a tiny one written with {@link OnnxGraph} whose
 * "scores" are the mean of each colour channel, so that layout and label order can be checked exactly.
 */
class OnnxFrameClassifierTest {
    @TempDir
    Path dir;

    /** [N, 224, 224, 3] (NHWC) or [N, 3, 224, 224] (NCHW) in, per-channel means [N, 3] out. */
    private Path channelMeans(OnnxFrameClassifier.Layout layout) throws Exception {
        OnnxGraph graph = new OnnxGraph();
        boolean nhwc = layout == OnnxFrameClassifier.Layout.NHWC;
        graph.input("pixels", nhwc ? new long[] { -1, 224, 224, 3 } : new long[] { -1, 3, 224, 224 });
        graph.node("ReduceMean", List.of("pixels"), "means", nhwc ? Attribute.ints("axes", 1, 2) : Attribute.ints("axes", 2, 3),
                Attribute.of("keepdims", 0L));
        graph.output("means", -1, 3);
        return Files.write(dir.resolve(layout + ".onnx"), graph.toModel("means", "test", 13));
    }

    private static BufferedImage filled(Color color, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.dispose();
        return image;
    }

    @Test
    void bothLayoutsSeeTheSameColoursUnderTheConfiguredLabels() throws Exception {
        for (OnnxFrameClassifier.Layout layout : OnnxFrameClassifier.Layout.values()) {
            try (OnnxFrameClassifier classifier = new OnnxFrameClassifier("own", Files.readAllBytes(channelMeans(layout)),
                    List.of("Red", "Green", "Blue"), layout, 224, 1)) {
                // Any size is scaled to the model's input first; means of 50,176 floats carry float rounding.
                List<Map<String, Float>> scores = classifier.classify(List.of(filled(new Color(255, 51, 0), 224), filled(Color.BLUE, 640)));
                assertThat(classifier.labels()).containsExactly("red", "green", "blue");
                assertThat(scores.get(0).get("red")).as(layout.name()).isCloseTo(1f, within(1e-4f));
                assertThat(scores.get(0).get("green")).as(layout.name()).isCloseTo(0.2f, within(1e-4f));
                assertThat(scores.get(0).get("blue")).as(layout.name()).isCloseTo(0f, within(1e-4f));
                assertThat(scores.get(1).get("blue")).as(layout.name()).isCloseTo(1f, within(1e-4f));
            }
        }
    }

    @Test
    void labelsThatDoNotMatchTheOutputsAreRefused() throws Exception {
        byte[] model = Files.readAllBytes(channelMeans(OnnxFrameClassifier.Layout.NHWC));
        assertThatThrownBy(() -> new OnnxFrameClassifier("own", model, List.of("porn", "neutral"), OnnxFrameClassifier.Layout.NHWC, 224, 1))
                .hasMessageContaining("2 labels");
    }

    @Test
    void aFileThatIsNoModelIsRefused() {
        assertThatThrownBy(() -> new OnnxFrameClassifier("own", new byte[] { 1, 2, 3 }, List.of("a"), OnnxFrameClassifier.Layout.NHWC, 224, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ONNX Runtime cannot load");
    }
}
