package io.starloom.moderation.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.util.Durations;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.moderation.media.FrameSampler;
import io.starloom.moderation.media.TestClips;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Verdict;

/** Sampling, rules, findings and thumbnails together, with a classifier double that calls bright frames porn. */
class FrameScreenerTest {
    private static final String STORY = "0b6c2a53-7e43-4a8e-9d53-1f7c1c2f6a10";

    /** Scores a frame by its brightness at the top: the daylight scene is "porn", the night sky "neutral". */
    static final class BrightnessClassifier implements FrameClassifier {
        int frames;

        @Override
        public String name() {
            return "brightness-double";
        }

        @Override
        public List<String> labels() {
            return List.of("neutral", "porn");
        }

        @Override
        public List<Map<String, Float>> classify(List<BufferedImage> images) {
            frames += images.size();
            return images.stream().map(image -> {
                float red = ((image.getRGB(112, 20) >> 16) & 0xff) / 255f;
                return Map.of("neutral", 1 - red, "porn", red);
            }).toList();
        }
    }

    @TempDir
    Path root;
    private FileSystemMediaStore store;
    private BrightnessClassifier classifier;
    private FrameScreener screener;

    @BeforeEach
    void setUp() {
        store = new FileSystemMediaStore(root);
        classifier = new BrightnessClassifier();
        FrameRules rules = FrameRules.of(Map.of("porn", 0.6), Map.of("porn", "sexual"), classifier.labels());
        screener = new FrameScreener(new FrameSampler(Duration.ofSeconds(1), 0.3, 120, 224), classifier, rules, store, 2, 4);
    }

    private ScreenFramesCommand clip(int attempt, int frames, int cutAt) throws Exception {
        Path file = TestClips.write(root.resolve("clip-" + attempt + ".mp4"), frames,
                frame -> frame < cutAt ? TestClips.sky(frame) : TestClips.daylight(frame));
        String uri = store.put(MediaKey.clip(STORY, 2, attempt), file);
        return ScreenFramesCommand.newBuilder().setStoryId(STORY).setShotIndex(2).setAttempt(attempt).setClipUri(uri).build();
    }

    @Test
    void aCleanClipIsAllowedAfterEverySampleWasClassified() throws Exception {
        FramesScreened screened = screener.screen(clip(1, 80, Integer.MAX_VALUE));

        assertThat(screened.getVerdict()).isEqualTo(Verdict.VERDICT_ALLOW);
        assertThat(screened.getFindingsList()).isEmpty();
        assertThat(screened.getFramesSampled()).isEqualTo(5);
        assertThat(classifier.frames).isEqualTo(5);
        assertThat(screened.getShotIndex()).isEqualTo(2);
        assertThat(screened.getAttempt()).isEqualTo(1);
        assertThat(screened.getClassifier()).isEqualTo("brightness-double");
        assertThat(Durations.toNanos(screened.getScreenDuration())).isPositive();
    }

    @Test
    void flaggedFramesBlockWithThumbnailsNextToTheClipCappedAtTheStrongest() throws Exception {
        // Daylight from 2.5 s: frames at 2.5, 3.5 and 4.5 s are flagged; at most 2 get evidence.
        FramesScreened screened = screener.screen(clip(3, 80, 40));

        assertThat(screened.getVerdict()).isEqualTo(Verdict.VERDICT_BLOCK);
        assertThat(screened.getFindingsList()).hasSize(2).allSatisfy(finding -> {
            assertThat(finding.getCategory()).isEqualTo(Category.CATEGORY_SEXUAL);
            assertThat(finding.getTerm()).isEqualTo("porn");
            assertThat(finding.getEvidence().getFrame().getLabel()).isEqualTo("porn");
            assertThat(finding.getEvidence().getFrame().getScore()).isGreaterThanOrEqualTo(0.6f);
            assertThat(finding.getEvidence().getFrame().getShotIndex()).isEqualTo(2);
        });
        Finding first = screened.getFindings(0);
        assertThat(Durations.toMillis(first.getEvidence().getFrame().getOffset())).isIn(2500L, 3500L, 4500L);
        assertThat(first.getEvidence().getFrame().getThumbnailUri()).endsWith("/shots/shot-002-a3-frame-" + String.format("%05d",
                Durations.toMillis(first.getEvidence().getFrame().getOffset())) + "ms.jpg");
        Path thumbnail = store.localFile(first.getEvidence().getFrame().getThumbnailUri());
        BufferedImage image = ImageIO.read(thumbnail.toFile());
        assertThat(image.getWidth()).isEqualTo(224);
        assertThat((image.getRGB(112, 20) >> 16) & 0xff).isGreaterThan(200);
    }

    @Test
    void aMissingClipIsNotFound() {
        ScreenFramesCommand command = ScreenFramesCommand.newBuilder().setStoryId(STORY).setShotIndex(0).setAttempt(1)
                .setClipUri(store.uriOf(MediaKey.clip(STORY, 0, 1))).build();

        assertThatThrownBy(() -> screener.screen(command)).isInstanceOf(MediaNotFoundException.class);
        assertThat(Files.exists(root.resolve("stories"))).isFalse();
    }

    @Test
    void stillFramesAreJudgedByIndexWithoutThumbnails() {
        BufferedImage dark = TestClips.sky(0);
        BufferedImage bright = TestClips.daylight(0);

        List<Finding> findings = screener.judge(List.of(dark, bright, dark));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.getEvidence().getFrame().getFrameIndex()).isEqualTo(1);
            assertThat(finding.getEvidence().getFrame().getThumbnailUri()).isEmpty();
        });
    }
}
