package io.starloom.worker.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A small JPEG of a clip's middle frame, what a page shows of a shot while the story still renders. The middle
 * rather than the first frame: models start from noise-like or black frames more often than they end on them.
 */
public final class ClipThumbnail {
    /** Wide enough for a card in the studio, small enough (~10–20 KB) to send on every finished shot. */
    public static final int WIDTH = 320;

    private ClipThumbnail() {
    }

    /** Blocking: decodes up to the middle of {@code clip} and writes the scaled frame to {@code jpeg}. */
    public static void write(Path clip, Path jpeg) throws Exception {
        BufferedImage frame;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            int frames = grabber.getLengthInVideoFrames();
            if (frames > 1) {
                grabber.setVideoFrameNumber(frames / 2);
            }
            Frame image = grabber.grabImage();
            if (image == null) {
                throw new IllegalStateException("no frame to make a thumbnail of in " + clip.getFileName());
            }
            frame = scaled(converter.convert(image));
            grabber.stop();
        }
        if (!ImageIO.write(frame, "jpg", jpeg.toFile())) {
            throw new IllegalStateException("no JPEG writer in this JVM");
        }
    }

    private static BufferedImage scaled(BufferedImage source) {
        int width = Math.min(WIDTH, source.getWidth());
        int height = Math.max(1, Math.round(source.getHeight() * (float) width / source.getWidth()));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
