package io.starloom.worker.backend;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paints a night sky once per shot, wider than the frame so the camera can pan across it: a graded sky,
 * a Milky Way band with dust lanes, a few thousand stars by magnitude and the story's constellations.
 * Frames are then cut from it with a slow pan and a twinkle layer, which keeps per-frame work small.
 */
final class SkyPainter {
    /** Stars drawn again each frame with a changing brightness. */
    record Twinkler(float x, float y, float radius, float phase, float speed) {
    }

    private final BufferedImage sky;
    private final List<Twinkler> twinklers = new ArrayList<>();

    SkyPainter(int width, int height, double panShare, long seed, List<ConstellationCatalog.Constellation> figures) {
        int skyWidth = (int) Math.ceil(width * (1 + panShare));
        sky = new BufferedImage(skyWidth, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        Graphics2D g = sky.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paintGradient(g, skyWidth, height, random);
        paintMilkyWay(g, skyWidth, height, random);
        paintStars(g, skyWidth, height, random);
        paintFigures(g, skyWidth, height, figures);
        g.dispose();
    }

    BufferedImage sky() {
        return sky;
    }

    List<Twinkler> twinklers() {
        return twinklers;
    }

    private static void paintGradient(Graphics2D g, int w, int h, SplittableRandom random) {
        Color zenith = new Color(3, 5, 18 + random.nextInt(10));
        Color horizon = new Color(18 + random.nextInt(10), 24 + random.nextInt(12), 58 + random.nextInt(16));
        g.setPaint(new GradientPaint(0, 0, zenith, 0, h, horizon));
        g.fillRect(0, 0, w, h);
    }

    /** A diagonal band of soft glow, brighter at its core, crossed by darker dust lanes. */
    private static void paintMilkyWay(Graphics2D g, int w, int h, SplittableRandom random) {
        double angle = Math.toRadians(-25 + random.nextDouble() * 50);
        double cx = w * (0.35 + random.nextDouble() * 0.3);
        double cy = h * 0.5;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double length = Math.hypot(w, h);
        double bandWidth = h * 0.18;
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER));
        for (int i = 0; i < 1400; i++) {
            double along = (random.nextDouble() - 0.5) * length;
            double across = random.nextGaussian() * bandWidth * 0.5;
            float x = (float) (cx + along * dx - across * dy);
            float y = (float) (cy + along * dy + across * dx);
            float radius = (float) (bandWidth * (0.15 + random.nextDouble() * 0.45));
            int warm = 150 + random.nextInt(60);
            Color core = new Color(warm, warm - 10, 200 + random.nextInt(40), 10 + random.nextInt(10));
            g.setPaint(new RadialGradientPaint(new Point2D.Float(x, y), radius, new float[] { 0f, 1f },
                    new Color[] { core, new Color(core.getRed(), core.getGreen(), core.getBlue(), 0) }));
            g.fill(new Ellipse2D.Float(x - radius, y - radius, 2 * radius, 2 * radius));
        }
        for (int i = 0; i < 160; i++) {
            double along = (random.nextDouble() - 0.5) * length * 0.8;
            double across = random.nextGaussian() * bandWidth * 0.15;
            float x = (float) (cx + along * dx - across * dy);
            float y = (float) (cy + along * dy + across * dx);
            float radius = (float) (bandWidth * (0.05 + random.nextDouble() * 0.15));
            g.setPaint(new RadialGradientPaint(new Point2D.Float(x, y), radius, new float[] { 0f, 1f },
                    new Color[] { new Color(2, 3, 10, 70), new Color(2, 3, 10, 0) }));
            g.fill(new Ellipse2D.Float(x - radius, y - radius, 2 * radius, 2 * radius));
        }
    }

    /** Star counts grow about threefold per magnitude, as in the real sky; the brightest twinkle. */
    private void paintStars(Graphics2D g, int w, int h, SplittableRandom random) {
        int count = w * h / 700;
        for (int i = 0; i < count; i++) {
            double magnitude = 6.5 - Math.log(1 + random.nextDouble() * 400) / Math.log(3);
            float x = (float) (random.nextDouble() * w);
            float y = (float) (random.nextDouble() * h);
            float radius = (float) Math.max(0.5, 2.6 - magnitude * 0.38);
            int brightness = (int) Math.max(60, Math.min(255, 280 - magnitude * 32));
            g.setColor(tint(brightness, random));
            g.fill(new Ellipse2D.Float(x - radius, y - radius, 2 * radius, 2 * radius));
            if (magnitude < 2.5 && twinklers.size() < 200) {
                twinklers.add(new Twinkler(x, y, radius * 2.4f, (float) (random.nextDouble() * Math.PI * 2),
                        (float) (2 + random.nextDouble() * 4)));
            }
        }
    }

    private static Color tint(int brightness, SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> new Color(brightness, (int) (brightness * 0.85), (int) (brightness * 0.7));
            case 1 -> new Color((int) (brightness * 0.8), (int) (brightness * 0.88), brightness);
            default -> new Color(brightness, brightness, brightness);
        };
    }

    /** Each constellation in its own slot across the sky, projected around its centre. */
    private void paintFigures(Graphics2D g, int w, int h, List<ConstellationCatalog.Constellation> figures) {
        if (figures.isEmpty()) {
            return;
        }
        double slot = (double) w / figures.size();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, h / 36));
        for (int i = 0; i < figures.size(); i++) {
            ConstellationCatalog.Constellation figure = figures.get(i);
            double ra0 = figure.stars().stream().mapToDouble(ConstellationCatalog.Star::raHours).average().orElse(0);
            double dec0 = figure.stars().stream().mapToDouble(ConstellationCatalog.Star::decDegrees).average().orElse(0);
            double spanX = figure.stars().stream().mapToDouble(s -> Math.abs((s.raHours() - ra0) * 15 * Math.cos(Math.toRadians(dec0))))
                    .max().orElse(1);
            double spanY = figure.stars().stream().mapToDouble(s -> Math.abs(s.decDegrees() - dec0)).max().orElse(1);
            double scale = Math.min(slot * 0.38 / Math.max(spanX, 1), h * 0.36 / Math.max(spanY, 1));
            double cx = slot * (i + 0.5);
            double cy = h * 0.5;
            java.util.function.Function<ConstellationCatalog.Star, Point2D> project = s -> new Point2D.Double(
                    cx - (s.raHours() - ra0) * 15 * Math.cos(Math.toRadians(dec0)) * scale, // east is left on the sky
                    cy - (s.decDegrees() - dec0) * scale);
            g.setStroke(new BasicStroke(Math.max(1.2f, h / 480f)));
            g.setColor(new Color(120, 170, 255, 120));
            for (String[] line : figure.lines()) {
                figure.star(line[0]).ifPresent(a -> figure.star(line[1]).ifPresent(b -> g.draw(new Line2D.Double(project.apply(a), project.apply(b)))));
            }
            for (ConstellationCatalog.Star star : figure.stars()) {
                Point2D p = project.apply(star);
                float radius = (float) Math.max(1.8, (4.2 - star.magnitude()) * h / 480.0);
                g.setColor(new Color(255, 250, 235));
                g.fill(new Ellipse2D.Double(p.getX() - radius, p.getY() - radius, 2 * radius, 2 * radius));
                twinklers.add(new Twinkler((float) p.getX(), (float) p.getY(), radius * 2.2f, (float) (i + star.raHours()), 3f));
            }
            g.setFont(font);
            g.setColor(new Color(170, 200, 255, 170));
            g.drawString(figure.name(), (float) (cx - g.getFontMetrics().stringWidth(figure.name()) / 2.0), (float) (h * 0.93));
        }
    }
}
