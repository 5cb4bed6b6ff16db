package io.starloom.worker.backend.preview;

import static io.starloom.worker.media.DecodedClip.brightnessDeviation;
import static io.starloom.worker.media.DecodedClip.difference;
import static io.starloom.worker.media.DecodedClip.pointLights;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.media.DecodedClip;
import io.starloom.worker.media.EncoderSettings;

class PreviewBackendTest {
    @TempDir
    Path dir;

    private final PreviewBackend backend = new PreviewBackend(ConstellationCatalog.load(), new EncoderSettings("veryfast", 20));

    @Test
    void rendersAMovingStarryNightInTheProfileFormat() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        ClipFacts facts = backend.render(shot(42, 17, List.of("Ori", "Lep")), clip);
        assertThat(facts).extracting(ClipFacts::frames, ClipFacts::fps, ClipFacts::width, ClipFacts::height)
                .containsExactly(17, 16, 320, 180);

        DecodedClip decoded = DecodedClip.read(clip);
        assertThat(decoded.codec()).isEqualTo("h264");
        assertThat(decoded.width()).isEqualTo(320);
        assertThat(decoded.height()).isEqualTo(180);
        assertThat(decoded.frameRate()).isEqualTo(16.0);
        assertThat(decoded.frames()).hasSize(17);
        BufferedImage middle = decoded.frames().get(8);
        assertThat(brightnessDeviation(middle)).as("a sky with a Milky Way, not a solid colour").isGreaterThan(8);
        assertThat(pointLights(middle, 25)).as("stars").isGreaterThan(30);
        for (int i = 1; i < decoded.frames().size(); i++) {
            assertThat(difference(decoded.frames().get(i - 1), decoded.frames().get(i))).as("frame %d moves on", i).isGreaterThan(0.3);
        }
        assertThat(difference(decoded.frames().get(0), decoded.frames().get(16))).as("the camera travels").isGreaterThan(3);
    }

    @Test
    void theSameSeedGivesTheSameClipAndAnotherSeedAnotherSky() throws Exception {
        Path first = render(7, List.of("Cas"));
        Path again = render(7, List.of("Cas"));
        assertThat(Files.mismatch(first, again)).as("byte for byte").isEqualTo(-1);
        BufferedImage other = DecodedClip.read(render(8, List.of("Cas"))).frames().get(0);
        assertThat(difference(DecodedClip.read(first).frames().get(0), other)).isGreaterThan(3);
    }

    @Test
    void drawsTheStorysConstellationsAndIgnoresUnknownOnes() throws Exception {
        BufferedImage plain = lastFrame(5, List.of());
        BufferedImage unknown = lastFrame(5, List.of("Xyz"));
        BufferedImage orion = lastFrame(5, List.of("ori"));
        assertThat(difference(plain, unknown)).as("an abbreviation without a figure changes nothing").isZero();
        assertThat(difference(plain, orion)).as("Orion's stars and lines").isGreaterThan(0.5);
        assertThat(bluerPixels(orion, plain)).as("blue figure lines").isGreaterThan(40);
    }

    private BufferedImage lastFrame(long seed, List<String> constellations) throws Exception {
        List<BufferedImage> frames = DecodedClip.read(render(seed, constellations)).frames();
        return frames.get(frames.size() - 1);
    }

    private Path render(long seed, List<String> constellations) throws Exception {
        Path clip = dir.resolve("seed-" + seed + "-" + String.join("-", constellations) + "-" + System.nanoTime() + ".mp4");
        backend.render(shot(seed, 25, constellations), clip);
        return clip;
    }

    /** Pixels that gained clearly more blue than red from {@code before} to {@code after}: the blue figure lines. */
    private static int bluerPixels(BufferedImage after, BufferedImage before) {
        int count = 0;
        for (int y = 0; y < after.getHeight(); y++) {
            for (int x = 0; x < after.getWidth(); x++) {
                int p = after.getRGB(x, y);
                int q = before.getRGB(x, y);
                int redGain = ((p >> 16) & 0xff) - ((q >> 16) & 0xff);
                int blueGain = (p & 0xff) - (q & 0xff);
                if (blueGain > 20 && blueGain > redGain + 10) {
                    count++;
                }
            }
        }
        return count;
    }

    private static ShotRequest shot(long seed, int frames, List<String> constellations) {
        return new ShotRequest("story", 0, 1, "Orion hunts on the winter plain", "", seed, 320, 180, 16, frames, constellations);
    }
}
