package io.starloom.moderation.classifier.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;

/**
 * Builds an ONNX model (a {@code ModelProto}) in memory and writes it in protobuf's wire format with
 * protobuf-java's {@link CodedOutputStream}. Only the part of onnx.proto a feed-forward float graph needs is
 * written; the field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 */
public final class OnnxGraph {
    /** TensorProto.DataType. */
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    /** AttributeProto.AttributeType. */
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;
    /** IR version 8 (ONNX 1.10+), read by every ONNX Runtime in use. */
    private static final long IR_VERSION = 8;

    private final List<Wire> nodes = new ArrayList<>();
    private final List<Wire> initializers = new ArrayList<>();
    private final List<Wire> inputs = new ArrayList<>();
    private final List<Wire> outputs = new ArrayList<>();
    private int nodeCount;

    /** An attribute of a node. */
    public record Attribute(String name, Object value) {
        public static Attribute of(String name, long value) {
            return new Attribute(name, value);
        }

        public static Attribute of(String name, float value) {
            return new Attribute(name, value);
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(name, values);
        }
    }

    /** Adds a node reading {@code inputs} and writing {@code output}; returns the output's name. */
    public String node(String opType, List<String> inputs, String output, Attribute... attributes) {
        Wire node = new Wire();
        inputs.forEach(input -> node.string(1, input));
        node.string(2, output);
        node.string(3, opType + "_" + nodeCount++);
        node.string(4, opType);
        for (Attribute attribute : attributes) {
            node.message(5, attribute(attribute));
        }
        nodes.add(node);
        return output;
    }

    /** Adds a float constant; returns its name. */
    public String floats(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, FLOAT, dims, raw.array()));
        return name;
    }

    /** Adds an int64 constant (shapes, pads); returns its name. */
    public String longs(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, INT64, new long[] { values.length }, raw.array()));
        return name;
    }

    /** Declares a float graph input; a dimension of -1 is the batch size, named "N". */
    public void input(String name, long... dims) {
        inputs.add(valueInfo(name, dims));
    }

    /** Declares a float graph output. */
    public void output(String name, long... dims) {
        outputs.add(valueInfo(name, dims));
    }

    /** The model file's bytes. */
    public byte[] toModel(String graphName, String producer, long opset) {
        Wire graph = new Wire();
        nodes.forEach(node -> graph.message(1, node));
        graph.string(2, graphName);
        initializers.forEach(initializer -> graph.message(5, initializer));
        inputs.forEach(input -> graph.message(11, input));
        outputs.forEach(output -> graph.message(12, output));
        Wire opsetId = new Wire();
        opsetId.string(1, "");
        opsetId.int64(2, opset);
        Wire model = new Wire();
        model.int64(1, IR_VERSION);
        model.string(2, producer);
        model.message(7, graph);
        model.message(8, opsetId);
        return model.bytes();
    }

    private static Wire attribute(Attribute attribute) {
        Wire wire = new Wire();
        wire.string(1, attribute.name());
        Object value = attribute.value();
        if (value instanceof Float number) {
            wire.float32(2, number);
            wire.int64(20, ATTRIBUTE_FLOAT);
        } else if (value instanceof Long number) {
            wire.int64(3, number);
            wire.int64(20, ATTRIBUTE_INT);
        } else if (value instanceof long[] numbers) {
            for (long number : numbers) {
                wire.int64(8, number);
            }
            wire.int64(20, ATTRIBUTE_INTS);
        } else {
            throw new IllegalArgumentException("unsupported attribute value " + value);
        }
        return wire;
    }

    private static Wire tensor(String name, int dataType, long[] dims, byte[] raw) {
        Wire tensor = new Wire();
        for (long dim : dims) {
            tensor.int64(1, dim);
        }
        tensor.int64(2, dataType);
        tensor.string(8, name);
        tensor.bytes(9, raw);
        return tensor;
    }

    private static Wire valueInfo(String name, long[] dims) {
        Wire shape = new Wire();
        for (long dim : dims) {
            Wire dimension = new Wire();
            if (dim < 0) {
                dimension.string(2, "N");
            } else {
                dimension.int64(1, dim);
            }
            shape.message(1, dimension);
        }
        Wire tensorType = new Wire();
        tensorType.int64(1, FLOAT);
        tensorType.message(2, shape);
        Wire type = new Wire();
        type.message(1, tensorType);
        Wire info = new Wire();
        info.string(1, name);
        info.message(2, type);
        return info;
    }

    /** One protobuf message being written. */
    private static final class Wire {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        void string(int field, String value) {
            write(() -> out.writeString(field, value));
        }

        void int64(int field, long value) {
            write(() -> out.writeInt64(field, value));
        }

        void float32(int field, float value) {
            write(() -> out.writeFloat(field, value));
        }

        void bytes(int field, byte[] value) {
            write(() -> out.writeByteArray(field, value));
        }

        void message(int field, Wire message) {
            bytes(field, message.bytes());
        }

        byte[] bytes() {
            write(out::flush);
            return buffer.toByteArray();
        }

        private void write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                // A ByteArrayOutputStream does not fail.
                throw new UncheckedIOException(e);
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
