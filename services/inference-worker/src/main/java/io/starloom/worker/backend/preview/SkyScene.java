package io.starloom.worker.backend.preview;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.SplittableRandom;

import io.starloom.worker.backend.preview.ConstellationCatalog.Constellation;

/**
 * One shot's night sky, planned once from the seed — camera path, Milky Way, stars, constellation figures —
 * and then drawn frame by frame: resampled background, figure lines, stars. Everything random comes from
 * the seed, so the same shot renders the same pixels.
 */
final class SkyScene {
    private final CameraPath path;
    private final SkyBackground background;
    private final StarField stars = new StarField();
    private final ConstellationFigures figures;

    SkyScene(long seed, int width, int height, List<Constellation> constellations) {
        SplittableRandom random = new SplittableRandom(seed);
        this.path = CameraPath.random(random, width, height);
        MilkyWayBand band = MilkyWayBand.random(random, width, height);
        // Bright stars reach 20 pixels beyond their centre; the margin keeps those near the edge in.
        SkyRegion region = SkyRegion.seenBy(path, 24);
        this.background = new SkyBackground(region, band, new ValueNoise(random.nextLong()), width, height);
        stars.scatter(region, band, random);
        this.figures = new ConstellationFigures(constellations, path, stars, random);
    }

    /** Paints the frame {@code t} in [0, 1] through the shot, {@code seconds} after its start. */
    void draw(BufferedImage frame, double t, double seconds) {
        int[] pixels = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        CameraPath.Pose pose = path.at(t);
        background.draw(pixels, frame.getWidth(), frame.getHeight(), pose);
        figures.draw(frame, pose, seconds);
        stars.draw(pixels, frame.getWidth(), frame.getHeight(), pose, seconds);
    }

    int starCount() {
        return stars.size();
    }
}
