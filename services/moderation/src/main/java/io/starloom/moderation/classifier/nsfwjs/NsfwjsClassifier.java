package io.starloom.moderation.classifier.nsfwjs;

import java.util.List;

import io.starloom.moderation.classifier.onnx.OnnxFrameClassifier;

/** nsfwjs 4.4.0's MobileNetV2, converted to ONNX at start (a few hundred milliseconds) and run by ONNX Runtime. */
public final class NsfwjsClassifier {
    public static final String NAME = "nsfwjs-mobilenet-v2";
    /** nsfwjs' NSFW_CLASSES, in the order of the model's outputs. */
    public static final List<String> LABELS = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");
    public static final int SIZE = 224;

    private NsfwjsClassifier() {
    }

    /** The bundled model, on {@code threads} intra-op threads. */
    public static OnnxFrameClassifier load(int threads) {
        return new OnnxFrameClassifier(NAME, KerasToOnnx.convert(NsfwjsPackage.fromClasspath()), LABELS,
                OnnxFrameClassifier.Layout.NHWC, SIZE, threads);
    }
}
