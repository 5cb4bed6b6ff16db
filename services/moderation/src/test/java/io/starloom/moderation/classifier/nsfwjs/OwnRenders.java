package io.starloom.moderation.classifier.nsfwjs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A labelled set of frames like the ones Starloom makes, drawn at test time (nothing large in git): star
 * skies, constellation line art and figures, ink-wash landscapes and neutral scenes. Every one of them
 * is content the film may show, so the classifier must flag none.
 */
final class OwnRenders {
    static final int SIZE = 224;
    private static final int PER_KIND = 12;

    private OwnRenders() {
    }

    /** Kind to frames, each kind with {@value #PER_KIND} seeded variants. */
    static Map<String, List<BufferedImage>> all() {
        Map<String, List<BufferedImage>> set = new LinkedHashMap<>();
        set.put("star sky", variants(OwnRenders::sky));
        set.put("constellation line art", variants(OwnRenders::constellation));
        set.put("figure drawing", variants(OwnRenders::figure));
        set.put("ink wash", variants(OwnRenders::inkWash));
        set.put("neutral scene", variants(OwnRenders::landscape));
        return set;
    }

    private interface Painter {
        void paint(Graphics2D g, Random random);
    }

    private static List<BufferedImage> variants(Painter painter) {
        List<BufferedImage> frames = new ArrayList<>();
        for (int seed = 0; seed < PER_KIND; seed++) {
            BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            painter.paint(g, new Random(seed * 7919L + 17));
            g.dispose();
            frames.add(image);
        }
        return frames;
    }

    private static Color hsb(Random random, float hue, float spread, float saturation, float brightness) {
        return Color.getHSBColor(hue + (random.nextFloat() - 0.5f) * spread, saturation, brightness);
    }

    /** Night sky: gradient, a Milky Way band, stars of several magnitudes, sometimes a moon. */
    private static void sky(Graphics2D g, Random random) {
        g.setPaint(new GradientPaint(0, 0, hsb(random, 0.63f, 0.08f, 0.8f, 0.08f), 0, SIZE, hsb(random, 0.66f, 0.1f, 0.7f, 0.3f)));
        g.fillRect(0, 0, SIZE, SIZE);
        double tilt = random.nextDouble() * Math.PI;
        for (int i = 0; i < 2500; i++) {
            double along = random.nextDouble() * 320 - 48;
            double across = random.nextGaussian() * 18;
            int x = (int) (112 + (along - 112) * Math.cos(tilt) - across * Math.sin(tilt));
            int y = (int) (112 + (along - 112) * Math.sin(tilt) + across * Math.cos(tilt));
            g.setColor(new Color(200, 200, 255, 12));
            g.fillRect(x, y, 2, 2);
        }
        for (int i = 0; i < 150 + random.nextInt(250); i++) {
            float size = (float) Math.pow(random.nextDouble(), 4) * 3 + 0.6f;
            g.setColor(hsb(random, random.nextBoolean() ? 0.6f : 0.1f, 0.05f, 0.2f, 0.7f + random.nextFloat() * 0.3f));
            g.fill(new java.awt.geom.Ellipse2D.Float(random.nextFloat() * SIZE, random.nextFloat() * SIZE, size, size));
        }
        if (random.nextInt(3) == 0) {
            g.setColor(new Color(235, 230, 200));
            g.fillOval(30 + random.nextInt(140), 20 + random.nextInt(60), 28, 28);
        }
    }

    /** A constellation chart: stars joined by lines, on a dark or parchment ground. */
    private static void constellation(Graphics2D g, Random random) {
        boolean parchment = random.nextBoolean();
        g.setColor(parchment ? new Color(236, 224, 196) : new Color(10, 16, 40));
        g.fillRect(0, 0, SIZE, SIZE);
        Color ink = parchment ? new Color(60, 40, 30) : new Color(170, 200, 255);
        g.setColor(ink);
        g.setStroke(new BasicStroke(parchment ? 1.6f : 1.2f));
        g.drawOval(8, 8, SIZE - 16, SIZE - 16);
        int[] xs = new int[6 + random.nextInt(5)];
        int[] ys = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 30 + random.nextInt(SIZE - 60);
            ys[i] = 30 + random.nextInt(SIZE - 60);
        }
        g.drawPolyline(xs, ys, xs.length);
        for (int i = 0; i < xs.length; i++) {
            int r = 3 + random.nextInt(4);
            g.fillOval(xs[i] - r, ys[i] - r, 2 * r, 2 * r);
        }
        for (int i = 0; i < 12; i++) {
            g.drawLine(SIZE / 2, SIZE / 2, (int) (SIZE / 2 + 104 * Math.cos(i * Math.PI / 6)), (int) (SIZE / 2 + 104 * Math.sin(i * Math.PI / 6)));
        }
    }

    /** A mythic figure as outline drawing (hunter, archer, weaver): stick limbs, a bow or a loom, on parchment. */
    private static void figure(Graphics2D g, Random random) {
        g.setColor(new Color(240, 232, 210));
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(new Color(40, 30, 25));
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int cx = 90 + random.nextInt(44);
        int head = 40 + random.nextInt(10);
        g.drawOval(cx - 12, head - 12, 24, 24);
        int hip = head + 70;
        g.drawLine(cx, head + 12, cx, hip);
        double arm = random.nextDouble() * 0.8;
        g.drawLine(cx, head + 30, (int) (cx + 50 * Math.cos(-arm)), (int) (head + 30 + 50 * Math.sin(-arm)));
        g.drawLine(cx, head + 30, cx - 40, head + 55);
        g.drawLine(cx, hip, cx - 25, hip + 60);
        g.drawLine(cx, hip, cx + 28, hip + 58);
        Path2D bow = new Path2D.Double();
        bow.moveTo(cx + 50, head - 10);
        bow.quadTo(cx + 80, head + 30, cx + 50, head + 70);
        g.draw(bow);
        g.setColor(new Color(150, 60, 40));
        g.drawLine(cx + 50, head - 10, cx + 50, head + 70);
        g.setColor(new Color(80, 70, 60));
        for (int i = 0; i < 7; i++) {
            g.fillOval(random.nextInt(SIZE), random.nextInt(SIZE), 5, 5);
        }
    }

    /** Ink wash: soft grey mountains in layers, mist, a boat or a pine, blurred. */
    private static void inkWash(Graphics2D g, Random random) {
        BufferedImage canvas = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D c = canvas.createGraphics();
        c.setColor(new Color(238, 234, 224));
        c.fillRect(0, 0, SIZE, SIZE);
        for (int layer = 0; layer < 4; layer++) {
            int grey = 200 - layer * 40 - random.nextInt(20);
            c.setColor(new Color(grey, grey, grey - 4));
            Path2D ridge = new Path2D.Double();
            ridge.moveTo(0, SIZE);
            double base = 80 + layer * 30;
            for (int x = 0; x <= SIZE; x += 8) {
                ridge.lineTo(x, base - 40 * Math.abs(Math.sin(x / (30.0 + random.nextInt(20)) + layer)) + random.nextInt(6));
            }
            ridge.lineTo(SIZE, SIZE);
            ridge.closePath();
            c.fill(ridge);
        }
        c.setColor(new Color(30, 30, 30));
        c.setStroke(new BasicStroke(2f));
        int px = 20 + random.nextInt(180);
        c.drawLine(px, 200, px + 4, 130);
        for (int i = 0; i < 5; i++) {
            c.drawLine(px + 2, 140 + i * 12, px - 14 + i * 2, 150 + i * 12);
            c.drawLine(px + 2, 140 + i * 12, px + 18 - i * 2, 150 + i * 12);
        }
        c.dispose();
        float[] blur = new float[25];
        java.util.Arrays.fill(blur, 1 / 25f);
        g.drawImage(new ConvolveOp(new Kernel(5, 5, blur), ConvolveOp.EDGE_NO_OP, null).filter(canvas, null), 0, 0, null);
    }

    /** A neutral scene: sky, sea or plain, hills and a sun or clouds, in daylight or dusk colours. */
    private static void landscape(Graphics2D g, Random random) {
        boolean dusk = random.nextBoolean();
        g.setPaint(new GradientPaint(0, 0, dusk ? new Color(60, 50, 120) : new Color(90, 150, 230), 0, 130,
                dusk ? new Color(250, 150, 80) : new Color(200, 225, 250)));
        g.fillRect(0, 0, SIZE, 130);
        g.setColor(dusk ? new Color(255, 210, 120) : new Color(255, 250, 220));
        g.fillOval(40 + random.nextInt(140), 40 + random.nextInt(50), 30, 30);
        g.setPaint(new GradientPaint(0, 130, dusk ? new Color(40, 60, 90) : new Color(40, 110, 160), 0, SIZE, new Color(20, 40, 60)));
        g.fillRect(0, 130, SIZE, SIZE - 130);
        g.setColor(dusk ? new Color(40, 30, 50) : new Color(60, 110, 60));
        Path2D hills = new Path2D.Double();
        hills.moveTo(0, 140);
        for (int x = 0; x <= SIZE; x += 14) {
            hills.lineTo(x, 110 + random.nextInt(30));
        }
        hills.lineTo(SIZE, 150);
        hills.lineTo(0, 150);
        hills.closePath();
        g.fill(hills);
        g.setColor(new Color(255, 255, 255, 140));
        for (int i = 0; i < 4; i++) {
            g.fillOval(random.nextInt(200), 10 + random.nextInt(60), 50, 16);
        }
    }
}
