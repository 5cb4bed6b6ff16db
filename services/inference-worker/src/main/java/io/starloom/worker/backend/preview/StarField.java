package io.starloom.worker.backend.preview;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Point stars in sky coordinates, drawn every frame at sub-pixel positions so that they glide smoothly with
 * the camera. Brightness follows the magnitude scale; faint stars are single splats, bright ones a Gaussian
 * core with a halo; each star twinkles at its own rate, the brighter the more.
 */
final class StarField {
    /** Stars counted down to the faintest magnitude in a 1280x720 view: "a few thousand". */
    private static final int STARS_PER_720P_VIEW = 3200;
    private static final double FAINTEST = 7.5;
    private static final double BRIGHTEST_RANDOM = 1.5;
    /** Stars per magnitude step grow by this factor, close to the real sky's. */
    private static final double COUNT_RATIO = 2.8;
    /** Share of the random stars that crowd along the Milky Way. */
    private static final double IN_BAND_SHARE = 0.38;
    /** Peak channel level above which a star is drawn as a disc rather than a point. */
    private static final double POINT_LIMIT = 100;
    /** Level at which a disc grows a halo. */
    private static final double HALO_LIMIT = 1000;

    private int size;
    private double[] x = new double[0];
    private double[] y = new double[0];
    private float[] level = new float[0];
    private float[] tint = new float[0];
    private float[] twinkleDepth = new float[0];
    private float[] twinklePhase = new float[0];
    private float[] twinkleRate = new float[0];

    /**
     * Light of a star of {@code magnitude} as the channel level of a point centred on a pixel: the faintest
     * stars just show on the night sky, and every magnitude is 2.512 times brighter.
     */
    private static double levelOf(double magnitude) {
        return 28 * StrictMath.pow(10, -0.4 * (magnitude - FAINTEST));
    }

    /** Scatters random stars over {@code region}, crowding along the band. */
    void scatter(SkyRegion region, MilkyWayBand band, SplittableRandom random) {
        int count = (int) Math.round(STARS_PER_720P_VIEW * region.width() * region.height() / (1280.0 * 720.0));
        for (int i = 0; i < count; i++) {
            double magnitude = Math.max(BRIGHTEST_RANDOM, FAINTEST + StrictMath.log(1 - random.nextDouble()) / StrictMath.log(COUNT_RATIO));
            double px;
            double py;
            do {
                if (random.nextDouble() < IN_BAND_SHARE) {
                    double along = (random.nextDouble() - 0.5) * (region.width() + region.height()) * 1.5;
                    double across = normal(random) * band.halfWidth() * 0.9;
                    px = band.originX() + along * band.alongX() - across * band.alongY();
                    py = band.originY() + along * band.alongY() + across * band.alongX();
                } else {
                    px = region.minX() + random.nextDouble() * region.width();
                    py = region.minY() + random.nextDouble() * region.height();
                }
            } while (!region.contains(px, py));
            add(px, py, magnitude, randomTint(random), random);
        }
    }

    /** Adds one star; {@code tint} is 0xRRGGBB with the brightest channel at 255. */
    void add(double px, double py, double magnitude, int tint, SplittableRandom random) {
        if (size == x.length) {
            int capacity = Math.max(64, size * 2);
            x = Arrays.copyOf(x, capacity);
            y = Arrays.copyOf(y, capacity);
            level = Arrays.copyOf(level, capacity);
            this.tint = Arrays.copyOf(this.tint, capacity * 3);
            twinkleDepth = Arrays.copyOf(twinkleDepth, capacity);
            twinklePhase = Arrays.copyOf(twinklePhase, capacity);
            twinkleRate = Arrays.copyOf(twinkleRate, capacity);
        }
        x[size] = px;
        y[size] = py;
        level[size] = (float) levelOf(magnitude);
        this.tint[size * 3] = ((tint >> 16) & 0xff) / 255f;
        this.tint[size * 3 + 1] = ((tint >> 8) & 0xff) / 255f;
        this.tint[size * 3 + 2] = (tint & 0xff) / 255f;
        twinkleDepth[size] = (float) (0.08 + 0.27 * Math.min(1, Math.max(0, (5 - magnitude) / 5)));
        twinklePhase[size] = (float) (random.nextDouble() * 2 * Math.PI);
        twinkleRate[size] = (float) (2 * Math.PI * (0.7 + 1.8 * random.nextDouble()));
        size++;
    }

    int size() {
        return size;
    }

    /** Adds every star onto {@code pixels} as the camera sees it {@code seconds} into the shot. */
    void draw(int[] pixels, int width, int height, CameraPath.Pose pose, double seconds) {
        for (int i = 0; i < size; i++) {
            double sx = pose.screenX(x[i], y[i]) - 0.5;
            double sy = pose.screenY(x[i], y[i]) - 0.5;
            if (sx < -16 || sy < -16 || sx > width + 16 || sy > height + 16) {
                continue;
            }
            double light = level[i] * (1 + twinkleDepth[i] * StrictMath.sin(twinklePhase[i] + twinkleRate[i] * seconds));
            float r = tint[i * 3];
            float g = tint[i * 3 + 1];
            float b = tint[i * 3 + 2];
            if (light < POINT_LIMIT) {
                splat(pixels, width, height, sx, sy, light, r, g, b);
            } else {
                disc(pixels, width, height, sx, sy, light, r, g, b);
            }
        }
    }

    /** A point star shared bilinearly between its four nearest pixels: same total light at any sub-pixel position. */
    private static void splat(int[] pixels, int width, int height, double sx, double sy, double level, float r, float g, float b) {
        int ix = (int) Math.floor(sx);
        int iy = (int) Math.floor(sy);
        double fx = sx - ix;
        double fy = sy - iy;
        add(pixels, width, height, ix, iy, level * (1 - fx) * (1 - fy), r, g, b);
        add(pixels, width, height, ix + 1, iy, level * fx * (1 - fy), r, g, b);
        add(pixels, width, height, ix, iy + 1, level * (1 - fx) * fy, r, g, b);
        add(pixels, width, height, ix + 1, iy + 1, level * fx * fy, r, g, b);
    }

    /**
     * A bright star: a Gaussian core that widens slowly with brightness (holding the light of a point star at
     * the threshold, saturating above), and a faint halo for the brightest.
     */
    private static void disc(int[] pixels, int width, int height, double sx, double sy, double light, float r, float g, float b) {
        double sigma = 0.45 + 0.2 * log2(light / POINT_LIMIT);
        double peak = Math.min(255, light / (2 * Math.PI * sigma * sigma));
        double halo = light > HALO_LIMIT ? 14 * log2(light / HALO_LIMIT) : 0;
        double haloSigma = 3.2 * sigma;
        int reach = (int) Math.ceil(3 * (halo > 0 ? haloSigma : sigma));
        int cx = (int) Math.round(sx);
        int cy = (int) Math.round(sy);
        double coreFactor = -1 / (2 * sigma * sigma);
        double haloFactor = -1 / (2 * haloSigma * haloSigma);
        for (int py = cy - reach; py <= cy + reach; py++) {
            for (int px = cx - reach; px <= cx + reach; px++) {
                double dx = px - sx;
                double dy = py - sy;
                double d2 = dx * dx + dy * dy;
                double value = peak * StrictMath.exp(d2 * coreFactor) + (halo > 0 ? halo * StrictMath.exp(d2 * haloFactor) : 0);
                add(pixels, width, height, px, py, value, r, g, b);
            }
        }
    }

    private static double log2(double value) {
        return StrictMath.log(value) / StrictMath.log(2);
    }

    private static void add(int[] pixels, int width, int height, int px, int py, double value, float r, float g, float b) {
        if (px < 0 || py < 0 || px >= width || py >= height || value < 0.5) {
            return;
        }
        int i = py * width + px;
        int p = pixels[i];
        int nr = Math.min(255, ((p >> 16) & 0xff) + (int) (value * r));
        int ng = Math.min(255, ((p >> 8) & 0xff) + (int) (value * g));
        int nb = Math.min(255, (p & 0xff) + (int) (value * b));
        pixels[i] = (nr << 16) | (ng << 8) | nb;
    }

    /**
     * A standard normal deviate from four uniform ones (Irwin-Hall): exactly reproducible, unlike library Gaussians
     * whose transcendental functions may round differently once compiled.
     */
    private static double normal(SplittableRandom random) {
        return (random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble() - 2) * Math.sqrt(3);
    }

    /** Mostly white, some blue-white, some yellow and a few orange stars. */
    private static int randomTint(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 2) {
            return 0xC8DCFF;
        }
        if (pick < 7) {
            return 0xFFFFFF;
        }
        return pick < 9 ? 0xFFEDC8 : 0xFFC894;
    }
}
