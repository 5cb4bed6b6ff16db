package io.starloom.worker.backend.preview;

import java.util.SplittableRandom;

/** Where the Milky Way crosses the shot: a straight band through the view at a seeded angle and offset. */
record MilkyWayBand(double originX, double originY, double alongX, double alongY, double halfWidth, double lanePhase) {

    static MilkyWayBand random(SplittableRandom random, int width, int height) {
        double angle = Math.toRadians(-60 + 120 * random.nextDouble());
        double unit = height / 720.0;
        return new MilkyWayBand(width * 0.15 * (2 * random.nextDouble() - 1), height * 0.15 * (2 * random.nextDouble() - 1),
                StrictMath.cos(angle), StrictMath.sin(angle), 95 * unit, random.nextDouble() * 2 * Math.PI);
    }

    /** Distance along the band from its origin. */
    double along(double x, double y) {
        return (x - originX) * alongX + (y - originY) * alongY;
    }

    /** Signed distance across the band from its centre line. */
    double across(double x, double y) {
        return -(x - originX) * alongY + (y - originY) * alongX;
    }
}
