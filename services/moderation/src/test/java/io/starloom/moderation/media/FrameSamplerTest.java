package io.starloom.moderation.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSamplerTest {
    private static final FrameSampler SAMPLER = new FrameSampler(Duration.ofSeconds(1), 0.3, 120, 224);

    @TempDir
    Path dir;

    @Test
    void samplesOncePerIntervalAndAtTheCut() throws Exception {
        // 5 s at 16 fps: the sky until 2.5 s (frame 40), then a cut to daylight.
        Path clip = TestClips.write(dir.resolve("cut.mp4"), 80, frame -> frame < 40 ? TestClips.sky(frame) : TestClips.daylight(frame));

        List<SampledFrame> frames = SAMPLER.sample(clip);

        assertThat(frames).extracting(frame -> frame.offset().toMillis()).containsExactly(0L, 1000L, 2000L, 2500L, 3500L, 4500L);
        assertThat(frames).extracting(SampledFrame::sceneChange).containsExactly(false, false, false, true, false, false);
        assertThat(frames).extracting(SampledFrame::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(frames).allSatisfy(frame -> {
            assertThat(frame.image().getWidth()).isEqualTo(224);
            assertThat(frame.image().getHeight()).isEqualTo(224);
        });
        // The frame after the cut really is the daylight scene: bright orange at the top.
        int rgb = frames.get(3).image().getRGB(112, 20);
        assertThat((rgb >> 16) & 0xff).isGreaterThan(200);
        assertThat(frames.get(2).image().getRGB(112, 20) & 0xff).isLessThan(120);
    }

    @Test
    void aClipWithoutCutsIsSampledAtTheIntervalOnly() throws Exception {
        Path clip = TestClips.write(dir.resolve("sky.mp4"), 81, TestClips::sky);

        assertThat(SAMPLER.sample(clip)).extracting(SampledFrame::sceneChange).containsOnly(false).hasSize(6);
    }

    @Test
    void stopsAtTheFrameLimit() throws Exception {
        Path clip = TestClips.write(dir.resolve("sky.mp4"), 81, TestClips::sky);

        assertThat(new FrameSampler(Duration.ofMillis(100), 0.3, 4, 224).sample(clip)).hasSize(4);
    }

    @Test
    void aFileThatIsNoVideoIsUnreadable() throws Exception {
        Path notVideo = Files.writeString(dir.resolve("clip.mp4"), "not a video");

        assertThatThrownBy(() -> SAMPLER.sample(notVideo)).isInstanceOf(FrameSampler.UnreadableClipException.class);
    }
}
