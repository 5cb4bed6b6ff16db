package io.starloom.worker.backend;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU backend of the embedded default: a real clip of a moving starry night with the story's
 * constellations, deterministic for a seed, in the model profile's exact size, rate and length.
 */
public class PreviewBackend implements VideoBackend {
    /** The camera pans across this share of the frame width over the clip. */
    private static final double PAN_SHARE = 0.12;

    private final ConstellationCatalog catalog;
    private final String preset;

    public PreviewBackend(ConstellationCatalog catalog, String preset) {
        this.catalog = catalog;
        this.preset = preset;
    }

    @Override
    public String name() {
        return "preview";
    }

    @Override
    public RenderedClip render(ShotRequest shot, Path target) throws Exception {
        long begin = System.nanoTime();
        List<ConstellationCatalog.Constellation> figures = shot.constellations().stream().distinct()
                .flatMap(abbreviation -> catalog.find(abbreviation).stream()).toList();
        SkyPainter painter = new SkyPainter(shot.width(), shot.height(), PAN_SHARE, shot.seed(), figures);
        BufferedImage frame = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_3BYTE_BGR);
        int panPixels = painter.sky().getWidth() - shot.width();
        try (ClipEncoder encoder = new ClipEncoder(target, shot.width(), shot.height(), shot.fps(), preset)) {
            for (int i = 0; i < shot.frames(); i++) {
                double t = shot.frames() == 1 ? 0 : (double) i / (shot.frames() - 1);
                drawFrame(frame, painter, (int) Math.round(t * panPixels), t * shot.frames() / shot.fps());
                encoder.add(frame);
            }
        }
        return new RenderedClip(shot.frames(), (System.nanoTime() - begin) / 1_000_000);
    }

    private static void drawFrame(BufferedImage frame, SkyPainter painter, int offset, double seconds) {
        Graphics2D g = frame.createGraphics();
        g.drawImage(painter.sky(), -offset, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setComposite(AlphaComposite.SrcOver);
        for (SkyPainter.Twinkler star : painter.twinklers()) {
            float x = star.x() - offset;
            if (x < -star.radius() || x > frame.getWidth() + star.radius()) {
                continue;
            }
            float glow = (float) (0.5 + 0.5 * Math.sin(star.phase() + seconds * star.speed()));
            int alpha = (int) (40 + 120 * glow);
            g.setPaint(new RadialGradientPaint(new Point2D.Float(x, star.y()), star.radius(), new float[] { 0f, 1f },
                    new Color[] { new Color(255, 255, 255, alpha), new Color(255, 255, 255, 0) }));
            g.fill(new Ellipse2D.Float(x - star.radius(), star.y() - star.radius(), 2 * star.radius(), 2 * star.radius()));
        }
        g.dispose();
    }
}
