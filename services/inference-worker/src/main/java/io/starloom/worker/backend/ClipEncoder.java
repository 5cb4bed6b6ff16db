package io.starloom.worker.backend;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Encodes Java2D frames into an H.264/yuv420p MP4 with FFmpeg's libx264 (JNI, no ffmpeg executable). */
final class ClipEncoder implements AutoCloseable {
    static {
        // libx264 reports every encode at info level; warnings and errors are what an operator needs.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
    }

    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();

    ClipEncoder(Path target, int width, int height, int fps, String preset) throws FrameRecorder.Exception {
        recorder = new FFmpegFrameRecorder(target.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps * 2);
        recorder.setVideoOption("preset", preset);
        recorder.setVideoOption("crf", "23");
        recorder.setOption("movflags", "+faststart");
        recorder.start();
    }

    void add(BufferedImage frame) throws FrameRecorder.Exception {
        recorder.record(converter.convert(frame));
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        try {
            recorder.stop();
        } finally {
            recorder.release();
            converter.close();
        }
    }
}
