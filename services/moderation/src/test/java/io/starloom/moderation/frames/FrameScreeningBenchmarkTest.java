package io.starloom.moderation.frames;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.moderation.classifier.nsfwjs.NsfwjsClassifier;
import io.starloom.moderation.classifier.onnx.OnnxFrameClassifier;
import io.starloom.moderation.media.FrameSampler;
import io.starloom.moderation.media.SampledFrame;
import io.starloom.moderation.media.TestClips;

/**
 * Frame screening cost, out of the normal test run:
 * {@code taskset -c 0 ./mvnw -o -q -pl services/moderation test -Dtest=FrameScreeningBenchmarkTest -Dstarloom.benchmark=true}.
 * Classification of one 224×224 frame on a 1-thread ONNX Runtime session, and sampling + classification of
 * a five-second 1280×720 clip (81 frames at 16 fps, Wan2.2's 720p profile) at the shipped sampling (1 s and
 * scene changes).
 */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class FrameScreeningBenchmarkTest {
    private static final String STORY = "6f1b7a1e-3c55-4a4c-8d0e-0b7f0c1d2e3f";

    @TempDir
    Path root;

    @Test
    void classificationPerFrameAndScreeningPerClip() throws Exception {
        try (OnnxFrameClassifier classifier = NsfwjsClassifier.load(1)) {
            List<BufferedImage> frames = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                frames.add(scaled(TestClips.sky(i), 224, 224));
            }
            for (int i = 0; i < 20; i++) {
                classifier.classify(List.of(frames.get(i)));
            }
            long[] single = new long[200];
            for (int i = 0; i < single.length; i++) {
                long start = System.nanoTime();
                classifier.classify(List.of(frames.get(i % frames.size())));
                single[i] = System.nanoTime() - start;
            }
            long batchStart = System.nanoTime();
            for (int i = 0; i < 25; i++) {
                classifier.classify(frames.subList(0, 8));
            }
            double batchPerFrame = (System.nanoTime() - batchStart) / 1e6 / 200;
            Arrays.sort(single);
            System.out.printf("classify 1 frame, 1 thread: mean %.1f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms; in batches of 8: %.1f ms/frame%n",
                    Arrays.stream(single).average().orElseThrow() / 1e6, single[100] / 1e6, single[197] / 1e6, single[199] / 1e6, batchPerFrame);

            FileSystemMediaStore store = new FileSystemMediaStore(root);
            Path clip = TestClips.write(root.resolve("shot.mp4"), 81, 1280, 720, i -> scaled(TestClips.sky(i), 1280, 720));
            String uri = store.put(MediaKey.clip(STORY, 0, 1), clip);
            FrameSampler sampler = new FrameSampler(Duration.ofSeconds(1), 0.3, 120, NsfwjsClassifier.SIZE);
            FrameRules rules = FrameRules.of(Map.of("porn", 0.7), Map.of("porn", "sexual"), classifier.labels());
            FrameScreener screener = new FrameScreener(sampler, classifier, rules, store, 8, 8);
            ScreenFramesCommand command = ScreenFramesCommand.newBuilder().setStoryId(STORY).setShotIndex(0).setAttempt(1).setClipUri(uri).build();
            screener.screen(command);
            long[] sampling = new long[5];
            long[] screening = new long[5];
            int sampled = 0;
            for (int run = 0; run < 5; run++) {
                long start = System.nanoTime();
                List<SampledFrame> taken = sampler.sample(store.localFile(uri));
                sampling[run] = System.nanoTime() - start;
                start = System.nanoTime();
                FramesScreened screened = screener.screen(command);
                screening[run] = System.nanoTime() - start;
                sampled = taken.size();
                if (screened.getFramesSampled() != sampled) {
                    throw new AssertionError("screened " + screened.getFramesSampled() + " frames, sampled " + sampled);
                }
            }
            Arrays.sort(sampling);
            Arrays.sort(screening);
            System.out.printf("5 s 1280x720 clip (81 frames): %d frames sampled; sampling median %.0f ms, sampling + classifying median %.0f ms "
                    + "(min %.0f, max %.0f)%n", sampled, sampling[2] / 1e6, screening[2] / 1e6, screening[0] / 1e6, screening[4] / 1e6);
        }
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }
}
