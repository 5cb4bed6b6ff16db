package io.starloom.stubs;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Renders the real MP4 a model server would return: H.264 of the asked size, frame count and rate, with an
 * AAC tone track when the model makes audio. Clips are made once per format and kept, as a stub should be quick.
 */
public final class ClipMaker {
    /** What one clip holds. */
    public record Format(int width, int height, int fps, int frames, boolean audio) {
    }

    private static final Map<Format, byte[]> MADE = new ConcurrentHashMap<>();

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private ClipMaker() {
    }

    public static byte[] clip(Format format) {
        return MADE.computeIfAbsent(format, ClipMaker::render);
    }

    private static byte[] render(Format format) {
        try {
            Path file = Files.createTempFile("starloom-stub-clip", ".mp4");
            try {
                record(format, file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(Format format, Path file) throws IOException {
        int sampleRate = 16_000;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), format.width(), format.height(), format.audio() ? 1 : 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libx264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(format.fps());
            recorder.setVideoOption("preset", "ultrafast");
            if (format.audio()) {
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(sampleRate);
                recorder.setAudioChannels(1);
            }
            recorder.start();
            BufferedImage image = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            int samplesPerFrame = sampleRate / format.fps();
            for (int i = 0; i < format.frames(); i++) {
                // A moving bar over a slowly changing sky: every frame differs, as a model's would.
                g.setColor(new Color(10, 20, 40 + (i * 3) % 160));
                g.fillRect(0, 0, format.width(), format.height());
                g.setColor(Color.WHITE);
                g.fillRect((i * 7) % format.width(), format.height() / 3, Math.max(2, format.width() / 20), format.height() / 3);
                recorder.record(converter.convert(image), avutil.AV_PIX_FMT_BGR24);
                if (format.audio()) {
                    short[] tone = new short[samplesPerFrame];
                    for (int s = 0; s < tone.length; s++) {
                        tone[s] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * samplesPerFrame + s) / sampleRate));
                    }
                    recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(tone));
                }
            }
            g.dispose();
            recorder.stop();
        }
    }
}
