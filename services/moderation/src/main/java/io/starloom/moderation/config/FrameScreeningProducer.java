package io.starloom.moderation.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.moderation.classifier.nsfwjs.NsfwjsClassifier;
import io.starloom.moderation.classifier.onnx.OnnxFrameClassifier;
import io.starloom.moderation.classifier.remote.ModerationApiClassifier;
import io.starloom.moderation.frames.FrameClassifier;
import io.starloom.moderation.frames.FrameRules;
import io.starloom.moderation.frames.FrameScreener;
import io.starloom.moderation.media.FrameSampler;

/**
 * Builds the one frame classifier {@code starloom.moderation.frames.classifier} names, with its rules, at
 * start: a model that does not load, an unknown classifier or a rule for a label the classifier does not
 * score stops the service with the reason, instead of failing the first story.
 */
public class FrameScreeningProducer {
    private static final Logger LOG = Logger.getLogger(FrameScreeningProducer.class);

    @Produces
    @Singleton
    @Startup
    FrameScreener frameScreener(FrameConfig config, FrameClassifier classifier, MediaStore store) {
        FrameConfig.Sampling sampling = config.sampling();
        FrameRules rules = FrameRules.of(thresholds(rulesOf(config)), categories(rulesOf(config)), classifier.labels());
        LOG.infof("frame screening with %s, rules %s", classifier.name(), rules.rules().values());
        return new FrameScreener(new FrameSampler(sampling.interval(), sampling.sceneThreshold(), sampling.maxFrames(), inputSize(config)),
                classifier, rules, store, config.maxEvidence(), config.batchSize());
    }

    @Produces
    @Singleton
    FrameClassifier frameClassifier(FrameConfig config) {
        return switch (config.classifier()) {
            case FrameConfig.NSFWJS -> NsfwjsClassifier.load(config.nsfwjs().threads());
            case FrameConfig.ONNX -> onnx(config.onnx());
            case FrameConfig.MODERATION_API -> new ModerationApiClassifier(config.moderationApi().url().orElseThrow(
                    () -> new IllegalArgumentException("starloom.moderation.frames.moderation-api.url is required for the moderation-api classifier")),
                    config.moderationApi().apiKey(), config.moderationApi().model(), config.moderationApi().timeout());
            default -> throw new IllegalArgumentException("starloom.moderation.frames.classifier '" + config.classifier() + "' is none of "
                    + List.of(FrameConfig.NSFWJS, FrameConfig.ONNX, FrameConfig.MODERATION_API));
        };
    }

    void close(@Disposes FrameClassifier classifier) {
        if (classifier instanceof OnnxFrameClassifier onnx) {
            onnx.close();
        }
    }

    private static OnnxFrameClassifier onnx(FrameConfig.Onnx config) {
        Path model = config.modelPath().orElseThrow(
                () -> new IllegalArgumentException("starloom.moderation.frames.onnx.model-path is required for the onnx classifier"));
        List<String> labels = config.labels().orElseThrow(
                () -> new IllegalArgumentException("starloom.moderation.frames.onnx.labels is required for the onnx classifier"));
        try {
            return new OnnxFrameClassifier("onnx:" + model.getFileName(), Files.readAllBytes(model), labels, config.layout(), config.size(),
                    config.threads());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ONNX model " + model, e);
        }
    }

    private static Map<String, FrameConfig.Rule> rulesOf(FrameConfig config) {
        return switch (config.classifier()) {
            case FrameConfig.ONNX -> config.onnx().rules();
            case FrameConfig.MODERATION_API -> config.moderationApi().rules();
            default -> config.nsfwjs().rules();
        };
    }

    private static int inputSize(FrameConfig config) {
        return FrameConfig.ONNX.equals(config.classifier()) ? config.onnx().size() : NsfwjsClassifier.SIZE;
    }

    private static Map<String, Double> thresholds(Map<String, FrameConfig.Rule> rules) {
        Map<String, Double> thresholds = new HashMap<>();
        rules.forEach((label, rule) -> thresholds.put(label, rule.threshold()));
        return thresholds;
    }

    private static Map<String, String> categories(Map<String, FrameConfig.Rule> rules) {
        Map<String, String> categories = new HashMap<>();
        rules.forEach((label, rule) -> categories.put(label, rule.category()));
        return categories;
    }
}
