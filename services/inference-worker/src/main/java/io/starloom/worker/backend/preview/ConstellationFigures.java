package io.starloom.worker.backend.preview;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.starloom.worker.backend.preview.ConstellationCatalog.Constellation;
import io.starloom.worker.backend.preview.ConstellationCatalog.Segment;
import io.starloom.worker.backend.preview.ConstellationCatalog.Star;

/**
 * The story's constellations on the shot's sky. Constellations that are neighbours on the real sky (within
 * {@link #GROUP_DEGREES} of each other, e.g. Orion and Lepus, Lyra and Aquila) share one gnomonic projection,
 * so they keep their true arrangement; groups far apart on the sky (Orion and Scorpius) get slots side by
 * side. North is up and east is left, as when looking up. Lines fade in over the first second and stop short
 * of their stars, planetarium style.
 */
final class ConstellationFigures {
    private static final double GROUP_DEGREES = 50;
    /** Smallest half-extent of a group, in tangent-plane units (about 7 degrees): small figures are not blown up. */
    private static final double MIN_HALF_EXTENT = 0.12;
    private static final Color LINE = new Color(120, 165, 255);
    private static final double LINE_OPACITY = 0.6;
    private static final double FADE_IN_SECONDS = 1.0;

    private final List<double[]> segments = new ArrayList<>();
    private final float lineWidth;
    private final double gap;

    /** Places the figures in the view of {@code path} half-way through the shot and adds their stars to {@code stars}. */
    ConstellationFigures(List<Constellation> constellations, CameraPath path, StarField stars, SplittableRandom random) {
        double unit = path.height() / 720.0;
        this.lineWidth = (float) Math.max(1.0, 1.4 * unit);
        this.gap = 5 * unit;
        List<List<Constellation>> groups = group(constellations);
        if (groups.isEmpty()) {
            return;
        }
        List<Projection> projections = groups.stream().map(Projection::new).toList();
        double slot = 0.86 * path.width() / groups.size();
        double scale = projections.stream()
                .mapToDouble(p -> Math.min(0.40 * slot / p.halfWidth, 0.34 * path.height() / p.halfHeight)).min().orElseThrow();
        CameraPath.Pose middle = path.at(0.5);
        for (int g = 0; g < groups.size(); g++) {
            Projection projection = projections.get(g);
            double slotX = path.width() / 2.0 + (g + 0.5 - groups.size() / 2.0) * slot;
            double slotY = path.height() / 2.0;
            for (Constellation constellation : groups.get(g)) {
                for (Star star : constellation.stars()) {
                    double[] p = projection.project(star);
                    double sx = slotX + scale * p[0];
                    double sy = slotY + scale * p[1];
                    stars.add(middle.skyX(sx, sy), middle.skyY(sx, sy), star.magnitude(), 0xFFF7EB, random);
                }
                for (Segment segment : constellation.segments()) {
                    double[] a = projection.project(segment.from());
                    double[] b = projection.project(segment.to());
                    double ax = slotX + scale * a[0];
                    double ay = slotY + scale * a[1];
                    double bx = slotX + scale * b[0];
                    double by = slotY + scale * b[1];
                    segments.add(new double[] { middle.skyX(ax, ay), middle.skyY(ax, ay), middle.skyX(bx, by), middle.skyY(bx, by) });
                }
            }
        }
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Draws the figure lines onto {@code frame} as the camera sees them. */
    void draw(BufferedImage frame, CameraPath.Pose pose, double seconds) {
        if (segments.isEmpty()) {
            return;
        }
        double fade = Math.min(1, seconds / FADE_IN_SECONDS);
        int alpha = (int) Math.round(255 * LINE_OPACITY * fade * fade * (3 - 2 * fade));
        if (alpha == 0) {
            return;
        }
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setStroke(new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(LINE.getRed(), LINE.getGreen(), LINE.getBlue(), alpha));
            double inset = gap * pose.zoom();
            for (double[] s : segments) {
                double ax = pose.screenX(s[0], s[1]);
                double ay = pose.screenY(s[0], s[1]);
                double bx = pose.screenX(s[2], s[3]);
                double by = pose.screenY(s[2], s[3]);
                double length = StrictMath.hypot(bx - ax, by - ay);
                if (length <= 2 * inset) {
                    continue;
                }
                double ux = (bx - ax) / length * inset;
                double uy = (by - ay) / length * inset;
                g.draw(new Line2D.Double(ax + ux, ay + uy, bx - ux, by - uy));
            }
        } finally {
            g.dispose();
        }
    }

    /** Groups constellations whose centres all lie within {@link #GROUP_DEGREES} of each other, in the given order. */
    static List<List<Constellation>> group(List<Constellation> constellations) {
        List<List<Constellation>> groups = new ArrayList<>();
        for (Constellation constellation : constellations) {
            double[] centre = centre(constellation.stars());
            List<Constellation> home = groups.stream()
                    .filter(group -> group.stream().allMatch(other -> degreesBetween(centre, centre(other.stars())) <= GROUP_DEGREES))
                    .findFirst().orElse(null);
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(constellation);
        }
        return groups;
    }

    private static double[] centre(List<Star> stars) {
        double[] sum = new double[3];
        for (Star star : stars) {
            double[] v = unitVector(star);
            for (int i = 0; i < 3; i++) {
                sum[i] += v[i];
            }
        }
        double norm = Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]);
        return new double[] { sum[0] / norm, sum[1] / norm, sum[2] / norm };
    }

    private static double[] unitVector(Star star) {
        double ra = Math.toRadians(star.raHours() * 15);
        double dec = Math.toRadians(star.decDegrees());
        return new double[] { StrictMath.cos(dec) * StrictMath.cos(ra), StrictMath.cos(dec) * StrictMath.sin(ra), StrictMath.sin(dec) };
    }

    private static double degreesBetween(double[] a, double[] b) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        return Math.toDegrees(StrictMath.acos(Math.max(-1, Math.min(1, dot))));
    }

    /** Gnomonic projection about a group's centre, as (right = west, down = south) tangent-plane coordinates. */
    private static final class Projection {
        private final double[] centre;
        private final double[] east;
        private final double[] north;
        private final double halfWidth;
        private final double halfHeight;

        Projection(List<Constellation> group) {
            centre = centre(group.stream().flatMap(c -> c.stars().stream()).toList());
            double[] pole = { 0, 0, 1 };
            double[] e = cross(pole, centre);
            double norm = Math.sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
            east = norm < 1e-9 ? new double[] { 0, 1, 0 } : new double[] { e[0] / norm, e[1] / norm, e[2] / norm };
            north = cross(centre, east);
            double w = MIN_HALF_EXTENT;
            double h = MIN_HALF_EXTENT;
            for (Constellation constellation : group) {
                for (Star star : constellation.stars()) {
                    double[] p = project(star);
                    w = Math.max(w, Math.abs(p[0]));
                    h = Math.max(h, Math.abs(p[1]));
                }
            }
            halfWidth = w;
            halfHeight = h;
        }

        double[] project(Star star) {
            double[] v = unitVector(star);
            double depth = dot(v, centre);
            // East is to the left when facing the sky, and screen y grows downwards.
            return new double[] { -dot(v, east) / depth, -dot(v, north) / depth };
        }

        private static double dot(double[] a, double[] b) {
            return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        }

        private static double[] cross(double[] a, double[] b) {
            return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
        }
    }
}
