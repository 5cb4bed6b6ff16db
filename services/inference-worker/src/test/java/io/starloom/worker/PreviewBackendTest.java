package io.starloom.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.worker.backend.ConstellationCatalog;
import io.starloom.worker.backend.PreviewBackend;
import io.starloom.worker.backend.RenderedClip;
import io.starloom.worker.backend.ShotRequest;

class PreviewBackendTest {
    @TempDir
    Path dir;

    private final PreviewBackend backend = new PreviewBackend(ConstellationCatalog.load(), "ultrafast");

    @Test
    void rendersAMovingStarrySkyInTheRequestedFormat() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        RenderedClip rendered = backend.render(shot(42, List.of("Ori", "Lep")), clip);
        assertThat(rendered.frames()).isEqualTo(17);

        List<BufferedImage> frames = decode(clip);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            assertThat(grabber.getImageWidth()).isEqualTo(320);
            assertThat(grabber.getImageHeight()).isEqualTo(180);
            assertThat(grabber.getFrameRate()).isEqualTo(16.0);
            grabber.stop();
        }
        assertThat(frames).hasSize(17);
        assertThat(stddev(frames.get(0))).as("a sky, not a solid colour").isGreaterThan(6);
        assertThat(brightPixels(frames.get(0))).as("stars").isGreaterThan(40);
        assertThat(difference(frames.get(0), frames.get(16))).as("the camera moves").isGreaterThan(2.0);
    }

    @Test
    void sameSeedSameSkyOtherSeedOtherSky() throws Exception {
        BufferedImage a = decode(render(7)).get(0);
        BufferedImage b = decode(render(7)).get(0);
        BufferedImage c = decode(render(8)).get(0);
        assertThat(difference(a, b)).isLessThan(0.01);
        assertThat(difference(a, c)).isGreaterThan(2.0);
    }

    private Path render(long seed) throws Exception {
        Path clip = dir.resolve("seed-" + seed + "-" + System.nanoTime() + ".mp4");
        backend.render(shot(seed, List.of()), clip);
        return clip;
    }

    private static ShotRequest shot(long seed, List<String> constellations) {
        return new ShotRequest("story", 0, 1, "prompt", "", seed, 320, 180, 16, 17, constellations);
    }

    private static List<BufferedImage> decode(Path clip) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile()); Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BufferedImage image = converter.convert(frame);
                BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                copy.getGraphics().drawImage(image, 0, 0, null);
                frames.add(copy);
            }
            grabber.stop();
        }
        return frames;
    }

    private static double stddev(BufferedImage image) {
        Raster raster = image.getRaster();
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double v = raster.getSample(x, y, 0) + raster.getSample(x, y, 1) + raster.getSample(x, y, 2);
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(sumSq / n - mean * mean);
    }

    private static int brightPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) > 150) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Mean absolute difference per channel. */
    private static double difference(BufferedImage a, BufferedImage b) {
        double total = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    total += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return total / (a.getWidth() * a.getHeight() * 3.0);
    }
}
