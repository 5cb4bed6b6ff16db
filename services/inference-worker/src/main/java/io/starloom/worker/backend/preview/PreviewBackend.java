package io.starloom.worker.backend.preview;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import org.jboss.logging.Logger;

import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.ClipEncoder;
import io.starloom.worker.media.EncoderSettings;

/**
 * The CPU backend of the embedded default: a real clip of a moving starry night — Milky Way, a few thousand
 * twinkling stars, the story's constellations — in the model profile's exact size, rate and length, the
 * same for the same seed. The sky is planned once per shot; each frame only resamples and composites it,
 * so a 1280x720 shot renders more than twice as fast as it plays, on one core.
 */
public class PreviewBackend implements VideoBackend {
    /** Its name in configuration ({@code starloom.worker.backend=preview}) and in events. */
    public static final String NAME = "preview";
    private static final Logger LOG = Logger.getLogger(PreviewBackend.class);

    private final ConstellationCatalog catalog;
    private final EncoderSettings encoder;

    public PreviewBackend(ConstellationCatalog catalog, EncoderSettings encoder) {
        this.catalog = catalog;
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The shot's first frame, the star chart an image-to-video model starts from. */
    public BufferedImage firstFrame(ShotRequest shot) {
        BufferedImage frame = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_INT_RGB);
        scene(shot).draw(frame, 0, 0);
        return frame;
    }

    @Override
    public ClipFacts render(ShotRequest shot, Path target) throws Exception {
        long begin = System.nanoTime();
        SkyScene scene = scene(shot);
        BufferedImage frame = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_INT_RGB);
        try (ClipEncoder clip = new ClipEncoder(target, shot.width(), shot.height(), shot.fps(), encoder)) {
            for (int i = 0; i < shot.frames(); i++) {
                double t = shot.frames() == 1 ? 0 : (double) i / (shot.frames() - 1);
                scene.draw(frame, t, (double) i / shot.fps());
                clip.write(frame);
            }
        }
        long millis = (System.nanoTime() - begin) / 1_000_000;
        LOG.debugf("preview: %d frames of %dx%d with %d stars in %d ms (%.1f frames/s)", shot.frames(), shot.width(), shot.height(),
                scene.starCount(), millis, shot.frames() * 1000.0 / Math.max(1, millis));
        return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), millis);
    }

    private SkyScene scene(ShotRequest shot) {
        List<ConstellationCatalog.Constellation> figures = shot.constellations().stream().distinct()
                .flatMap(abbreviation -> catalog.find(abbreviation).stream()).toList();
        if (figures.size() < shot.constellations().stream().distinct().count()) {
            LOG.debugf("no figure for some of %s; known: %s", shot.constellations(), catalog.abbreviations());
        }
        return new SkyScene(shot.seed(), shot.width(), shot.height(), figures);
    }
}
