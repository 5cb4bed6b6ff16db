package io.starloom.moderation.classifier.nsfwjs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.starloom.moderation.classifier.nsfwjs.KerasModel.Layer;
import io.starloom.moderation.classifier.nsfwjs.KerasModel.Weight;
import io.starloom.moderation.classifier.onnx.OnnxGraph;
import io.starloom.moderation.classifier.onnx.OnnxGraph.Attribute;

/**
 * Converts a Keras image classifier of the layers MobileNetV2 uses (InputLayer, ZeroPadding2D, Conv2D,
 * DepthwiseConv2D, BatchNormalization, ReLU, Add, AveragePooling2D, Flatten, Dense, Dropout) into an ONNX
 * graph (opset 13). The graph keeps Keras' NHWC input ([N, H, W, C] floats) and transposes once to ONNX's
 * NCHW; kernels are re-laid out, "same" padding becomes TensorFlow's explicit (bottom/right-heavy) pads.
 * Any other layer or option is refused rather than approximated.
 */
public final class KerasToOnnx {
    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    private static final long OPSET = 13;

    private final KerasModel model;
    private final OnnxGraph graph = new OnnxGraph();
    /** Per Keras layer: the ONNX value holding its output and that value's shape. */
    private final Map<String, Value> values = new HashMap<>();

    /** An ONNX value: NCHW image ({@code c, h, w}) or a feature vector ({@code h = w = 0}). */
    private record Value(String name, int c, int h, int w) {
        boolean isImage() {
            return h > 0;
        }
    }

    private KerasToOnnx(KerasModel model) {
        this.model = model;
    }

    /** The ONNX model's bytes: input {@value #INPUT} [N, H, W, C], output {@value #OUTPUT} [N, classes]. */
    public static byte[] convert(KerasModel model) {
        return new KerasToOnnx(model).run();
    }

    private byte[] run() {
        for (Layer layer : model.layers()) {
            values.put(layer.name(), layer(layer));
        }
        Value out = values.get(model.output());
        if (out == null || out.isImage()) {
            throw new IllegalArgumentException("the model's output " + model.output() + " is not a class vector");
        }
        graph.node("Identity", List.of(out.name()), OUTPUT);
        graph.output(OUTPUT, -1, out.c());
        return graph.toModel("keras", "starloom-keras-to-onnx", OPSET);
    }

    private Value layer(Layer layer) {
        JsonNode config = layer.config();
        return switch (layer.className()) {
            case "InputLayer" -> input(config);
            case "ZeroPadding2D" -> zeroPadding(layer, config);
            case "Conv2D" -> convolution(layer, config, false);
            case "DepthwiseConv2D" -> convolution(layer, config, true);
            case "BatchNormalization" -> batchNormalization(layer, config);
            case "ReLU" -> relu(layer, config);
            case "Add" -> add(layer);
            case "AveragePooling2D" -> averagePooling(layer, config);
            case "Flatten" -> flatten(layer);
            case "Dense" -> dense(layer, config);
            // Inference: dropout passes its input through.
            case "Dropout" -> in(layer, 0);
            default -> throw unsupported(layer, "layer class " + layer.className());
        };
    }

    private Value input(JsonNode config) {
        JsonNode shape = config.path("batch_input_shape");
        if (shape.size() != 4) {
            throw new IllegalArgumentException("the input is not a batch of images: " + shape);
        }
        int h = shape.get(1).asInt();
        int w = shape.get(2).asInt();
        int c = shape.get(3).asInt();
        graph.input(INPUT, -1, h, w, c);
        return new Value(graph.node("Transpose", List.of(INPUT), "input_nchw", Attribute.ints("perm", 0, 3, 1, 2)), c, h, w);
    }

    private Value zeroPadding(Layer layer, JsonNode config) {
        requireChannelsLast(layer, config);
        Value in = in(layer, 0);
        JsonNode padding = config.path("padding");
        int top = padding.get(0).get(0).asInt();
        int bottom = padding.get(0).get(1).asInt();
        int left = padding.get(1).get(0).asInt();
        int right = padding.get(1).get(1).asInt();
        String pads = graph.longs(layer.name() + "/pads", 0, 0, top, left, 0, 0, bottom, right);
        return new Value(graph.node("Pad", List.of(in.name(), pads), layer.name()), in.c(), in.h() + top + bottom,
                in.w() + left + right);
    }

    private Value convolution(Layer layer, JsonNode config, boolean depthwise) {
        requireChannelsLast(layer, config);
        requireLinear(layer, config);
        if (config.path("dilation_rate").get(0).asInt() != 1 || config.path("dilation_rate").get(1).asInt() != 1) {
            throw unsupported(layer, "dilation");
        }
        Value in = in(layer, 0);
        Weight kernel = model.weight(layer.name(), depthwise ? "depthwise_kernel" : "kernel");
        int kh = kernel.shape()[0];
        int kw = kernel.shape()[1];
        int sh = config.path("strides").get(0).asInt();
        int sw = config.path("strides").get(1).asInt();
        int outChannels;
        float[] onnxKernel;
        if (depthwise) {
            // Keras [kh, kw, C, multiplier] -> ONNX [C * multiplier, 1, kh, kw], one group per input channel.
            int multiplier = kernel.shape()[3];
            outChannels = in.c() * multiplier;
            onnxKernel = new float[outChannels * kh * kw];
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in.c(); c++) {
                        for (int m = 0; m < multiplier; m++) {
                            onnxKernel[((c * multiplier + m) * kh + y) * kw + x] = kernel.values()[((y * kw + x) * in.c() + c) * multiplier + m];
                        }
                    }
                }
            }
        } else {
            // Keras [kh, kw, in, out] -> ONNX [out, in, kh, kw].
            outChannels = kernel.shape()[3];
            int inChannels = kernel.shape()[2];
            onnxKernel = new float[outChannels * inChannels * kh * kw];
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < inChannels; i++) {
                        for (int o = 0; o < outChannels; o++) {
                            onnxKernel[((o * inChannels + i) * kh + y) * kw + x] = kernel.values()[((y * kw + x) * inChannels + i) * outChannels + o];
                        }
                    }
                }
            }
        }
        String weight = graph.floats(layer.name() + "/kernel",
                new long[] { outChannels, depthwise ? 1 : in.c(), kh, kw }, onnxKernel);
        int[] padsH = pads(layer, config, in.h(), kh, sh);
        int[] padsW = pads(layer, config, in.w(), kw, sw);
        List<String> inputs = config.path("use_bias").asBoolean()
                ? List.of(in.name(), weight, graph.floats(layer.name() + "/bias", new long[] { outChannels },
                        model.weight(layer.name(), "bias").values()))
                : List.of(in.name(), weight);
        String out = graph.node("Conv", inputs, layer.name(),
                Attribute.ints("kernel_shape", kh, kw), Attribute.ints("strides", sh, sw),
                Attribute.ints("pads", padsH[0], padsW[0], padsH[1], padsW[1]),
                Attribute.of("group", depthwise ? (long) in.c() : 1L));
        return new Value(out, outChannels, (in.h() + padsH[0] + padsH[1] - kh) / sh + 1, (in.w() + padsW[0] + padsW[1] - kw) / sw + 1);
    }

    /** TensorFlow's padding along one axis: {before, after}; "same" puts the odd pixel after. */
    private static int[] pads(Layer layer, JsonNode config, int size, int kernel, int stride) {
        return switch (config.path("padding").asText()) {
            case "valid" -> new int[] { 0, 0 };
            case "same" -> {
                int outSize = (size + stride - 1) / stride;
                int total = Math.max((outSize - 1) * stride + kernel - size, 0);
                yield new int[] { total / 2, total - total / 2 };
            }
            default -> throw unsupported(layer, "padding " + config.path("padding"));
        };
    }

    private Value batchNormalization(Layer layer, JsonNode config) {
        Value in = in(layer, 0);
        int axis = config.path("axis").asInt();
        if (!in.isImage() || (axis != -1 && axis != 3) || !config.path("center").asBoolean() || !config.path("scale").asBoolean()) {
            throw unsupported(layer, "batch normalisation other than over the channels with centre and scale");
        }
        long[] dims = { in.c() };
        String name = layer.name();
        String out = graph.node("BatchNormalization", List.of(in.name(),
                graph.floats(name + "/gamma", dims, model.weight(name, "gamma").values()),
                graph.floats(name + "/beta", dims, model.weight(name, "beta").values()),
                graph.floats(name + "/moving_mean", dims, model.weight(name, "moving_mean").values()),
                graph.floats(name + "/moving_variance", dims, model.weight(name, "moving_variance").values())),
                name, Attribute.of("epsilon", (float) config.path("epsilon").asDouble()));
        return new Value(out, in.c(), in.h(), in.w());
    }

    private Value relu(Layer layer, JsonNode config) {
        Value in = in(layer, 0);
        if (config.path("negative_slope").asDouble() != 0 || config.path("threshold").asDouble() != 0) {
            throw unsupported(layer, "leaky or thresholded ReLU");
        }
        JsonNode max = config.path("max_value");
        String out = max.isNumber()
                ? graph.node("Clip", List.of(in.name(), graph.floats(layer.name() + "/min", new long[0], new float[] { 0 }),
                        graph.floats(layer.name() + "/max", new long[0], new float[] { (float) max.asDouble() })), layer.name())
                : graph.node("Relu", List.of(in.name()), layer.name());
        return new Value(out, in.c(), in.h(), in.w());
    }

    private Value add(Layer layer) {
        Value first = in(layer, 0);
        Value second = in(layer, 1);
        if (layer.inbound().size() != 2 || first.c() != second.c() || first.h() != second.h() || first.w() != second.w()) {
            throw unsupported(layer, "an add of other than two equal shapes");
        }
        return new Value(graph.node("Add", List.of(first.name(), second.name()), layer.name()), first.c(), first.h(), first.w());
    }

    private Value averagePooling(Layer layer, JsonNode config) {
        requireChannelsLast(layer, config);
        if (!"valid".equals(config.path("padding").asText())) {
            // TF excludes padding from the average, which ONNX only does with count_include_pad=0 and same pads.
            throw unsupported(layer, "padded average pooling");
        }
        Value in = in(layer, 0);
        int ph = config.path("pool_size").get(0).asInt();
        int pw = config.path("pool_size").get(1).asInt();
        int sh = config.path("strides").get(0).asInt();
        int sw = config.path("strides").get(1).asInt();
        String out = graph.node("AveragePool", List.of(in.name()), layer.name(), Attribute.ints("kernel_shape", ph, pw),
                Attribute.ints("strides", sh, sw));
        return new Value(out, in.c(), (in.h() - ph) / sh + 1, (in.w() - pw) / sw + 1);
    }

    private Value flatten(Layer layer) {
        Value in = in(layer, 0);
        if (!in.isImage()) {
            return in;
        }
        // Keras flattens NHWC: back to channels-last first, so that the Dense weights line up.
        String nhwc = graph.node("Transpose", List.of(in.name()), layer.name() + "/nhwc", Attribute.ints("perm", 0, 2, 3, 1));
        return new Value(graph.node("Flatten", List.of(nhwc), layer.name(), Attribute.of("axis", 1L)), in.c() * in.h() * in.w(), 0, 0);
    }

    private Value dense(Layer layer, JsonNode config) {
        Value in = in(layer, 0);
        if (in.isImage()) {
            throw unsupported(layer, "a dense layer on an image");
        }
        Weight kernel = model.weight(layer.name(), "kernel");
        int units = kernel.shape()[1];
        String name = layer.name();
        String product = graph.node("MatMul", List.of(in.name(), graph.floats(name + "/kernel", new long[] { kernel.shape()[0], units },
                kernel.values())), name + "/matmul");
        String biased = config.path("use_bias").asBoolean()
                ? graph.node("Add", List.of(product, graph.floats(name + "/bias", new long[] { units }, model.weight(name, "bias").values())),
                        name + "/biased")
                : product;
        String out = switch (config.path("activation").asText()) {
            case "linear" -> biased;
            case "relu" -> graph.node("Relu", List.of(biased), name);
            case "softmax" -> graph.node("Softmax", List.of(biased), name, Attribute.of("axis", -1L));
            default -> throw unsupported(layer, "activation " + config.path("activation").asText());
        };
        return new Value(out, units, 0, 0);
    }

    private Value in(Layer layer, int index) {
        if (layer.inbound().size() <= index || !values.containsKey(layer.inbound().get(index))) {
            throw new IllegalArgumentException("layer " + layer.name() + " reads a layer that does not come before it");
        }
        return values.get(layer.inbound().get(index));
    }

    private static void requireChannelsLast(Layer layer, JsonNode config) {
        if (config.has("data_format") && !"channels_last".equals(config.path("data_format").asText())) {
            throw unsupported(layer, "data format " + config.path("data_format").asText());
        }
    }

    private static void requireLinear(Layer layer, JsonNode config) {
        if (config.has("activation") && !"linear".equals(config.path("activation").asText())) {
            throw unsupported(layer, "a fused activation " + config.path("activation").asText());
        }
    }

    private static IllegalArgumentException unsupported(Layer layer, String what) {
        return new IllegalArgumentException("cannot convert layer " + layer.name() + ": " + what + " is not supported");
    }
}
