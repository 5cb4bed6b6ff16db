package io.starloom.moderation.classifier.nsfwjs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Keras functional model as TensorFlow.js stores it: layers in topological order, each with its
 * inbound layers, and named weights. Weights are dequantised the way TF.js does it
 * ({@code value = q · scale + min}, computed in double precision and stored as float).
 */
public record KerasModel(List<Layer> layers, Map<String, Weight> weights, String output) {

    /** One layer: its Keras class ({@code Conv2D}, {@code ReLU} …), its config and the layers it reads. */
    public record Layer(String name, String className, JsonNode config, List<String> inbound) {
    }

    /** One weight tensor in Keras' layout (a Conv2D kernel is [kh, kw, in, out]). */
    public record Weight(int[] shape, float[] values) {
    }

    static KerasModel of(JsonNode topology, JsonNode manifest, byte[] data) {
        JsonNode config = topology.path("model_config").path("config");
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : config.path("layers")) {
            List<String> inbound = new ArrayList<>();
            for (JsonNode node : layer.path("inbound_nodes")) {
                for (JsonNode edge : node) {
                    inbound.add(edge.get(0).asText());
                }
            }
            layers.add(new Layer(layer.path("name").asText(), layer.path("class_name").asText(), layer.path("config"), inbound));
        }
        JsonNode outputs = config.path("output_layers");
        if (layers.isEmpty() || outputs.size() != 1) {
            throw new IllegalArgumentException("not a single-output Keras model: " + layers.size() + " layers, "
                    + outputs.size() + " outputs");
        }
        return new KerasModel(List.copyOf(layers), weights(manifest, data), outputs.get(0).get(0).asText());
    }

    private static Map<String, Weight> weights(JsonNode manifest, byte[] data) {
        Map<String, Weight> weights = new LinkedHashMap<>();
        int offset = 0;
        for (JsonNode group : manifest) {
            for (JsonNode spec : group.path("weights")) {
                int[] shape = new int[spec.path("shape").size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = spec.path("shape").get(i).asInt();
                    count *= shape[i];
                }
                JsonNode quantization = spec.path("quantization");
                if (!"float32".equals(spec.path("dtype").asText()) || !"uint8".equals(quantization.path("dtype").asText())) {
                    throw new IllegalArgumentException("weight " + spec.path("name").asText() + " is not uint8-quantised float32");
                }
                if (offset + count > data.length) {
                    throw new IllegalArgumentException("the weight data ends inside " + spec.path("name").asText());
                }
                double min = quantization.path("min").asDouble();
                double scale = quantization.path("scale").asDouble();
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (float) ((data[offset + i] & 0xff) * scale + min);
                }
                offset += count;
                weights.put(spec.path("name").asText(), new Weight(shape, values));
            }
        }
        if (offset != data.length) {
            throw new IllegalArgumentException("the weight data holds " + (data.length - offset) + " bytes the manifest does not name");
        }
        return weights;
    }

    /** The named weight of a layer, e.g. {@code weight("Conv1", "kernel")}. */
    public Weight weight(String layer, String name) {
        Weight weight = weights.get(layer + "/" + name);
        if (weight == null) {
            throw new IllegalArgumentException("the model has no weight " + layer + "/" + name);
        }
        return weight;
    }
}
