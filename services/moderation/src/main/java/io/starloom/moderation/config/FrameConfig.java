package io.starloom.moderation.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.moderation.classifier.onnx.OnnxFrameClassifier;

/**
 * Frame screening: how frames are sampled from a clip, which classifier judges them and the threshold per
 * label. Each classifier has its own rules, since each has its own labels; a rule names a label the
 * classifier scores (checked at start) and the category a finding for it carries.
 */
@ConfigMapping(prefix = "starloom.moderation.frames")
public interface FrameConfig {
    /** The classifier names {@link #classifier()} accepts. */
    String NSFWJS = "nsfwjs";
    String ONNX = "onnx";
    String MODERATION_API = "moderation-api";

    /** nsfwjs (bundled, offline), onnx (an operator's model file) or moderation-api (a remote HTTP API). */
    @WithDefault(NSFWJS)
    String classifier();

    Sampling sampling();

    /** Flagged frames per clip that get a thumbnail and a finding, highest score first. */
    @WithDefault("8")
    int maxEvidence();

    /** Frames classified in one model run. */
    @WithDefault("8")
    int batchSize();

    Nsfwjs nsfwjs();

    Onnx onnx();

    ModerationApi moderationApi();

    /** Which frames of a clip are judged. */
    interface Sampling {
        /** One frame at least this often (1 s: five frames of a five-second clip). */
        @WithDefault("1s")
        Duration interval();

        /** FFmpeg's scene-change score above which a frame is sampled as well (0..1). */
        @WithDefault("0.3")
        double sceneThreshold();

        /** At most this many frames of one clip, so that a long clip cannot stall the stage. */
        @WithDefault("120")
        int maxFrames();
    }

    /** A label's threshold and the category its findings carry. */
    interface Rule {
        /** A score at or above it flags the frame (0..1]. */
        double threshold();

        /** A moderation category's short name: sexual, sexual-minors, violence-graphic, self-harm, hate, illicit. */
        String category();
    }

    /** The bundled nsfwjs MobileNetV2. */
    interface Nsfwjs {
        /** ONNX Runtime intra-op threads per classification (1: one core a frame). */
        @WithDefault("1")
        int threads();

        /** Labels: drawing, hentai, neutral, porn, sexy. */
        Map<String, Rule> rules();
    }

    /** An operator's own ONNX image classifier: square RGB in, floats in [0, 1], one score per label out. */
    interface Onnx {
        Optional<Path> modelPath();

        /** The model's output labels, in output order. */
        Optional<List<String>> labels();

        @WithDefault("nhwc")
        OnnxFrameClassifier.Layout layout();

        /** The input's side in pixels. */
        @WithDefault("224")
        int size();

        @WithDefault("1")
        int threads();

        Map<String, Rule> rules();
    }

    /** An OpenAI-compatible moderation API (POST /v1/moderations with image_url input). */
    interface ModerationApi {
        /** Base URL, e.g. https://api.openai.com (the path /v1/moderations is appended). */
        Optional<URI> url();

        /** Sent as a bearer token when set (env STARLOOM_MODERATION_FRAMES_MODERATION_API_API_KEY); never logged. */
        Optional<String> apiKey();

        @WithDefault("omni-moderation-latest")
        String model();

        @WithDefault("30s")
        Duration timeout();

        /** Labels: the API's categories, e.g. sexual, sexual-minors, violence-graphic, self-harm. */
        Map<String, Rule> rules();
    }
}
