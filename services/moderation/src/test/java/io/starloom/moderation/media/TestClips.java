package io.starloom.moderation.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.IntFunction;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Writes H.264 MP4 clips from Java2D frames, the way the inference worker's preview backend does. */
public final class TestClips {
    public static final int FPS = 16;

    private TestClips() {
    }

    /** A clip of {@code frames} frames at 16 fps, 320×180, each painted by {@code painter}. */
    public static Path write(Path file, int frames, IntFunction<BufferedImage> painter) throws Exception {
        return write(file, frames, 320, 180, painter);
    }

    /** A clip of {@code frames} frames at 16 fps and the given size, each painted by {@code painter} at that size. */
    public static Path write(Path file, int frames, int width, int height, IntFunction<BufferedImage> painter) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setVideoOption("preset", "ultrafast");
            recorder.start();
            Java2DFrameConverter converter = new Java2DFrameConverter();
            for (int i = 0; i < frames; i++) {
                recorder.record(converter.convert(painter.apply(i)));
            }
            recorder.stop();
        }
        return file;
    }

    /** A night sky whose stars drift slowly: no scene change. */
    public static BufferedImage sky(int frame) {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(5, 8, 30), 0, 180, new Color(20, 30, 70)));
        g.fillRect(0, 0, 320, 180);
        g.setColor(Color.WHITE);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 60; i++) {
            int x = (random.nextInt(320) + frame) % 320;
            g.fillOval(x, random.nextInt(180), 2, 2);
        }
        g.dispose();
        return image;
    }

    /** A bright daylight scene, nothing like the sky: cutting to it is a scene change. */
    public static BufferedImage daylight(int frame) {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(250, 190, 90));
        g.fillRect(0, 0, 320, 180);
        g.setColor(new Color(40, 120, 40));
        g.fillRect(0, 120, 320, 60);
        g.dispose();
        return image;
    }
}
