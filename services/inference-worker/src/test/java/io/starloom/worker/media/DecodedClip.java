package io.starloom.worker.media;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** A clip read back with FFmpeg, as a player would: stream facts and every decoded frame. */
public record DecodedClip(String codec, int width, int height, double frameRate, List<BufferedImage> frames) {

    public static DecodedClip read(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile()); Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            List<BufferedImage> frames = new ArrayList<>();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BufferedImage decoded = converter.convert(frame);
                BufferedImage copy = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
                copy.getGraphics().drawImage(decoded, 0, 0, null);
                frames.add(copy);
            }
            DecodedClip result = new DecodedClip(grabber.getVideoCodecName(), grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getFrameRate(), frames);
            grabber.stop();
            return result;
        }
    }

    /** Standard deviation of the pixels' brightness (0..255): near 0 for a solid colour. */
    public static double brightnessDeviation(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double v = brightness(image.getRGB(x, y));
                sum += v;
                squares += v * v;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean));
    }

    /** Pixels at least {@code margin} brighter than every one of their 8 neighbours' average: point stars. */
    public static int pointLights(BufferedImage image, int margin) {
        int count = 0;
        for (int y = 1; y < image.getHeight() - 1; y++) {
            for (int x = 1; x < image.getWidth() - 1; x++) {
                double centre = brightness(image.getRGB(x, y));
                double around = 0;
                boolean peak = true;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dx != 0 || dy != 0) {
                            double v = brightness(image.getRGB(x + dx, y + dy));
                            around += v;
                            peak &= v <= centre;
                        }
                    }
                }
                if (peak && centre - around / 8 >= margin) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Mean absolute difference per channel (0..255). */
    public static double difference(BufferedImage a, BufferedImage b) {
        double total = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    total += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return total / (a.getWidth() * a.getHeight() * 3.0);
    }

    private static double brightness(int rgb) {
        return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
    }
}
