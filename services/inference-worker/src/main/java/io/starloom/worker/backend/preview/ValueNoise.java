package io.starloom.worker.backend.preview;

/** Seeded 2D value noise and its fractal sum: smooth, cheap, and the same for the same seed everywhere. */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Smoothly interpolated lattice noise in [0, 1). */
    double at(double x, double y) {
        int xi = (int) Math.floor(x);
        int yi = (int) Math.floor(y);
        double fx = smooth(x - xi);
        double fy = smooth(y - yi);
        double top = lerp(lattice(xi, yi), lattice(xi + 1, yi), fx);
        double bottom = lerp(lattice(xi, yi + 1), lattice(xi + 1, yi + 1), fx);
        return lerp(top, bottom, fy);
    }

    /** Fractal sum of {@code octaves} octaves, each twice the frequency and half the weight, in [0, 1). */
    double fbm(double x, double y, int octaves) {
        double sum = 0;
        double weight = 0.5;
        double total = 0;
        for (int i = 0; i < octaves; i++) {
            sum += weight * at(x, y);
            total += weight;
            // Octaves are offset so their lattices do not line up.
            x = x * 2 + 17.31;
            y = y * 2 + 9.17;
            weight *= 0.5;
        }
        return sum / total;
    }

    /** A uniform value in [0, 1) for a lattice point. */
    double lattice(int x, int y) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
