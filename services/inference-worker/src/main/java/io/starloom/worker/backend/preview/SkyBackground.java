package io.starloom.worker.backend.preview;

/**
 * The smooth part of the sky — night glow, the Milky Way's clouds, dust lanes and unresolved-star grain —
 * painted once per shot into a half-resolution texture. For every frame the texture is resampled at half the
 * frame's resolution with the camera's pan, roll and zoom (bilinear, fixed point), then doubled to full size
 * by exact bilinear interpolation, which is a few shifts and adds per pixel. A screen-fixed airglow towards the
 * bottom of the frame is added per row, so the sky turns while the horizon glow stays put.
 */
final class SkyBackground {
    /** Texture pixels per frame pixel: the background has no detail finer than two pixels. */
    private static final int SCALE = 2;
    /** Airglow added at the bottom row, per channel; the texture leaves this much headroom. */
    private static final int GLOW_R = 16;
    private static final int GLOW_G = 24;
    private static final int GLOW_B = 42;

    private final int[] texture;
    private final int textureWidth;
    private final int textureHeight;
    private final double originX;
    private final double originY;
    private final int[] rowGlow;
    private final int[] half;
    private final int halfWidth;
    private final int halfHeight;

    /** {@code frameWidth} and {@code frameHeight} must be even, as H.264 in yuv420p requires anyway. */
    SkyBackground(SkyRegion region, MilkyWayBand band, ValueNoise noise, int frameWidth, int frameHeight) {
        if (frameWidth % 2 != 0 || frameHeight % 2 != 0) {
            throw new IllegalArgumentException("frame size must be even, was " + frameWidth + "x" + frameHeight);
        }
        // One extra column and row: the last full-size pixels interpolate towards them.
        this.halfWidth = frameWidth / 2 + 1;
        this.halfHeight = frameHeight / 2 + 1;
        this.half = new int[halfWidth * halfHeight];
        this.originX = region.minX();
        this.originY = region.minY();
        this.textureWidth = (int) Math.ceil(region.width() / SCALE) + 2;
        this.textureHeight = (int) Math.ceil(region.height() / SCALE) + 2;
        this.texture = new int[textureWidth * textureHeight];
        double unit = frameHeight / 720.0;
        for (int j = 0; j < textureHeight; j++) {
            for (int i = 0; i < textureWidth; i++) {
                texture[j * textureWidth + i] = paint(originX + i * SCALE, originY + j * SCALE, band, noise, unit,
                        noise.lattice(i + 7919, j + 104729));
            }
        }
        this.rowGlow = new int[frameHeight];
        for (int y = 0; y < frameHeight; y++) {
            double glow = StrictMath.pow((double) y / Math.max(1, frameHeight - 1), 2.5);
            rowGlow[y] = ((int) (GLOW_R * glow) << 16) | ((int) (GLOW_G * glow) << 8) | (int) (GLOW_B * glow);
        }
    }

    /** One texel: deep blue night, and where the band is, clumpy glow cut by dark lanes. */
    private static int paint(double x, double y, MilkyWayBand band, ValueNoise noise, double unit, double grainSeed) {
        double night = noise.fbm(x / (500 * unit), y / (500 * unit), 3);
        double r = 3 + 2 * night;
        double g = 6 + 3 * night;
        double b = 16 + 6 * night;
        double along = band.along(x, y);
        double across = band.across(x, y);
        double halfWidth = band.halfWidth() * (0.8 + 0.45 * noise.fbm(along / (320 * unit), 7.3, 3));
        double wide = gauss(across / (2.6 * halfWidth));
        if (wide > 0.004) {
            double core = gauss(across / halfWidth);
            double clumps = noise.fbm(x / (70 * unit), y / (70 * unit), 5);
            double fine = noise.fbm(x / (16 * unit) + 31, y / (16 * unit) + 17, 3);
            double light = 0.30 * wide * (0.5 + clumps) + 0.85 * core * (0.25 + 1.1 * clumps * clumps + 0.35 * fine);
            double laneCentre = halfWidth * (0.35 * StrictMath.sin(along / (520 * unit) + band.lanePhase())
                    + 0.5 * (noise.fbm(along / (260 * unit), 3.1, 3) - 0.5));
            double laneWidth = halfWidth * 0.28 * (0.6 + 0.9 * noise.fbm(x / (110 * unit) + 5, y / (110 * unit) + 9, 3));
            // The lanes thin out and break up along the band, like the Great Rift.
            double laneStrength = 0.3 + 0.9 * noise.fbm(along / (180 * unit), 5.9, 3);
            double dust = gauss((across - laneCentre) / laneWidth) * laneStrength
                    * (0.55 + 0.6 * noise.fbm(x / (40 * unit) + 11, y / (40 * unit) + 3, 4));
            light *= 1 - Math.min(0.9, 0.85 * dust);
            // Unresolved stars: a fine grain that follows the glow.
            light = Math.max(0, light * (1 + (grainSeed - 0.5) * 0.4));
            double warmth = Math.min(1, core * clumps * 1.3);
            r += 110 * light * (0.62 + 0.38 * warmth);
            g += 110 * light * (0.70 + 0.20 * warmth);
            b += 110 * light * (1.00 - 0.22 * warmth);
        }
        return (clamp(r, 255 - GLOW_R) << 16) | (clamp(g, 255 - GLOW_G) << 8) | clamp(b, 255 - GLOW_B);
    }

    /** Fills {@code pixels} (0xRRGGBB, row by row) with the background as the camera sees it. */
    void draw(int[] pixels, int width, int height, CameraPath.Pose pose) {
        sampleHalf(pose);
        for (int j = 0; j < height / 2; j++) {
            int top = j * halfWidth;
            int below = top + halfWidth;
            int even = 2 * j * width;
            int odd = even + width;
            int glowEven = rowGlow[2 * j];
            int glowOdd = rowGlow[2 * j + 1];
            int a = half[top];
            int c = half[below];
            for (int i = 0; i < width / 2; i++) {
                int b = half[top + i + 1];
                int d = half[below + i + 1];
                int ab = average(a, b);
                pixels[even + 2 * i] = a + glowEven;
                pixels[even + 2 * i + 1] = ab + glowEven;
                pixels[odd + 2 * i] = average(a, c) + glowOdd;
                pixels[odd + 2 * i + 1] = average(ab, average(c, d)) + glowOdd;
                a = b;
                c = d;
            }
        }
    }

    /** Resamples the texture at every other frame pixel: half pixel (i, j) is frame pixel (2i, 2j). */
    private void sampleHalf(CameraPath.Pose pose) {
        double cos = StrictMath.cos(pose.angle()) / pose.zoom();
        double sin = StrictMath.sin(pose.angle()) / pose.zoom();
        // Texture position of pixel (0, 0)'s centre, and its change per half pixel along a row and down a column.
        double u0 = (pose.skyX(0.5, 0.5) - originX) / SCALE;
        double v0 = (pose.skyY(0.5, 0.5) - originY) / SCALE;
        int du = fixed(2 * cos / SCALE);
        int dv = fixed(2 * sin / SCALE);
        double rowU = -2 * sin / SCALE;
        double rowV = 2 * cos / SCALE;
        int maxU = textureWidth - 2;
        int maxV = textureHeight - 2;
        for (int y = 0; y < halfHeight; y++) {
            int u = fixed(u0 + y * rowU);
            int v = fixed(v0 + y * rowV);
            int row = y * halfWidth;
            for (int x = 0; x < halfWidth; x++) {
                int iu = Math.min(Math.max(u >> 16, 0), maxU);
                int iv = Math.min(Math.max(v >> 16, 0), maxV);
                int fu = (u >> 8) & 0xff;
                int fv = (v >> 8) & 0xff;
                int i = iv * textureWidth + iu;
                int upper = lerp(texture[i], texture[i + 1], fu);
                int lower = lerp(texture[i + textureWidth], texture[i + textureWidth + 1], fu);
                half[row + x] = lerp(upper, lower, fv);
                u += du;
                v += dv;
            }
        }
    }

    /** Mean of two 0xRRGGBB pixels, all channels at once (the lowest bit of each is dropped). */
    private static int average(int p, int q) {
        return ((p & 0xfefefe) >>> 1) + ((q & 0xfefefe) >>> 1);
    }

    /** Blends two 0xRRGGBB pixels by {@code f}/256, two channels per multiply. */
    private static int lerp(int p, int q, int f) {
        int rb = (((p & 0xff00ff) * (256 - f) + (q & 0xff00ff) * f) >>> 8) & 0xff00ff;
        int g = (((p & 0x00ff00) * (256 - f) + (q & 0x00ff00) * f) >>> 8) & 0x00ff00;
        return rb | g;
    }

    private static int fixed(double value) {
        return (int) Math.round(value * 65536);
    }

    private static double gauss(double x) {
        return StrictMath.exp(-x * x);
    }

    private static int clamp(double value, int max) {
        return (int) Math.max(0, Math.min(max, value));
    }
}
