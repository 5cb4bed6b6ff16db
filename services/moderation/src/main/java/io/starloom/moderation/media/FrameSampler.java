package io.starloom.moderation.media;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Samples a clip's frames with FFmpeg's own filters, in process (the FFmpeg libraries of
 * {@code org.bytedeco:ffmpeg}, no executable): {@code select} keeps the first frame, then one whenever the
 * interval has passed since the last kept frame or the scene score jumps above the threshold, and
 * {@code scale} brings each kept frame to the classifier's square input. Blocking: call from a worker thread.
 */
public final class FrameSampler {
    private final Duration interval;
    private final double sceneThreshold;
    private final int maxFrames;
    private final int size;

    public FrameSampler(Duration interval, double sceneThreshold, int maxFrames, int size) {
        if (interval.isNegative() || interval.isZero() || sceneThreshold <= 0 || sceneThreshold > 1 || maxFrames < 1 || size < 1) {
            throw new IllegalArgumentException("frame sampling needs a positive interval, a scene threshold in (0, 1], "
                    + "a positive frame limit and size");
        }
        this.interval = interval;
        this.sceneThreshold = sceneThreshold;
        this.maxFrames = maxFrames;
        this.size = size;
    }

    /** The filter graph, e.g. {@code select='isnan(prev_selected_t)+gte(t-prev_selected_t,1.000)+gt(scene,0.300)',scale=224:224}. */
    String filter() {
        return String.format(Locale.ROOT, "select='isnan(prev_selected_t)+gte(t-prev_selected_t,%.3f)+gt(scene,%.3f)',"
                + "scale=%d:%d:flags=bilinear", interval.toNanos() / 1e9, sceneThreshold, size, size);
    }

    /**
     * The sampled frames of a clip, in clip order, at most {@code maxFrames}.
     *
     * @throws UnreadableClipException when the file is no readable video
     */
    public List<SampledFrame> sample(Path clip) {
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
        List<SampledFrame> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new UnreadableClipException("the clip has no video stream");
            }
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(filter(), grabber.getImageWidth(), grabber.getImageHeight())) {
                filter.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                filter.setFrameRate(grabber.getFrameRate());
                filter.start();
                Java2DFrameConverter converter = new Java2DFrameConverter();
                long previous = Long.MIN_VALUE;
                Frame frame;
                while (frames.size() < maxFrames && (frame = grabber.grabImage()) != null) {
                    long timestamp = frame.timestamp;
                    filter.push(frame);
                    Frame kept;
                    while (frames.size() < maxFrames && (kept = filter.pull()) != null) {
                        // The filter keeps the pts of the frame it was pushed: the one just pushed.
                        boolean regular = previous == Long.MIN_VALUE || timestamp - previous >= interval.toNanos() / 1000;
                        frames.add(new SampledFrame(frames.size(), Duration.ofNanos(timestamp * 1000), !regular,
                                copy(converter.getBufferedImage(kept))));
                        previous = timestamp;
                    }
                }
                filter.stop();
            }
            grabber.stop();
        } catch (FrameGrabber.Exception | FrameFilter.Exception e) {
            throw new UnreadableClipException("FFmpeg cannot read the clip: " + e.getMessage(), e);
        }
        if (frames.isEmpty()) {
            throw new UnreadableClipException("the clip has no frames");
        }
        return frames;
    }

    /** The converter reuses its image between frames. */
    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }

    /** The clip cannot be read as a video: damaged, empty or not a video at all. */
    public static final class UnreadableClipException extends RuntimeException {
        public UnreadableClipException(String message) {
            super(message);
        }

        public UnreadableClipException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
