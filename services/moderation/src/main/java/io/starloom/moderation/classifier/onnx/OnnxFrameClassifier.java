package io.starloom.moderation.classifier.onnx;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import io.starloom.moderation.frames.FrameClassifier;

/**
 * An image classifier run by ONNX Runtime: the converted nsfwjs model or an operator's own ONNX file. The
 * model takes a batch of square RGB images as floats in [0, 1], channels last ([N, S, S, 3]) or first
 * ([N, 3, S, S]), and answers one score per label. A session serves one run at a time per thread count
 * it was given; ONNX Runtime sessions are safe to share between threads.
 */
public final class OnnxFrameClassifier implements FrameClassifier, AutoCloseable {
    /** Where the colour channels sit in the model's input. */
    public enum Layout {
        NHWC, NCHW
    }

    private final String name;
    private final List<String> labels;
    private final Layout layout;
    private final int size;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;

    /**
     * @param model the ONNX model's bytes
     * @param threads intra-op threads of the session (1 keeps one frame on one core)
     */
    public OnnxFrameClassifier(String name, byte[] model, List<String> labels, Layout layout, int size, int threads) {
        this.name = name;
        this.labels = labels.stream().map(FrameClassifier::normalise).toList();
        this.layout = layout;
        this.size = size;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model, options);
            this.input = session.getInputNames().iterator().next();
            long[] outputShape = ((TensorInfo) session.getOutputInfo().values().iterator().next().getInfo()).getShape();
            if (outputShape.length != 2 || outputShape[1] != this.labels.size()) {
                session.close();
                throw new IllegalArgumentException("the model answers " + Arrays.toString(outputShape) + " but "
                        + this.labels.size() + " labels are configured");
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Map<String, Float>> classify(List<BufferedImage> frames) {
        if (frames.isEmpty()) {
            return List.of();
        }
        int pixels = size * size;
        FloatBuffer batch = FloatBuffer.allocate(frames.size() * pixels * 3);
        for (BufferedImage frame : frames) {
            put(batch, scaled(frame));
        }
        batch.flip();
        long[] shape = layout == Layout.NHWC ? new long[] { frames.size(), size, size, 3 } : new long[] { frames.size(), 3, size, size };
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, batch, shape);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            List<Map<String, Float>> answers = new ArrayList<>(scores.length);
            for (float[] frame : scores) {
                Map<String, Float> byLabel = new LinkedHashMap<>();
                for (int i = 0; i < labels.size(); i++) {
                    byLabel.put(labels.get(i), frame[i]);
                }
                answers.add(byLabel);
            }
            return answers;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to classify: " + e.getMessage(), e);
        }
    }

    /** RGB bytes / 255, the way nsfwjs normalises. */
    private void put(FloatBuffer batch, BufferedImage image) {
        int[] rgb = image.getRGB(0, 0, size, size, null, 0, size);
        if (layout == Layout.NHWC) {
            for (int pixel : rgb) {
                batch.put(((pixel >> 16) & 0xff) / 255f).put(((pixel >> 8) & 0xff) / 255f).put((pixel & 0xff) / 255f);
            }
        } else {
            for (int shift = 16; shift >= 0; shift -= 8) {
                for (int pixel : rgb) {
                    batch.put(((pixel >> shift) & 0xff) / 255f);
                }
            }
        }
    }

    /** The frame at the model's size; frames sampled by FFmpeg already are. */
    private BufferedImage scaled(BufferedImage frame) {
        if (frame.getWidth() == size && frame.getHeight() == size) {
            return frame;
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(frame, 0, 0, size, size, null);
        g.dispose();
        return scaled;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
