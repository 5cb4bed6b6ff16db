package io.starloom.worker.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes Java2D frames into an H.264 (libx264, yuv420p) MP4 through FFmpeg's libraries over JNI; no
 * ffmpeg executable is needed. Frames are {@code TYPE_INT_RGB} images whose pixels go to FFmpeg as BGR0
 * without any per-pixel conversion in Java. The same frames always give the same file.
 */
public final class ClipEncoder implements AutoCloseable {
    static {
        // libx264 reports every encode at info level; warnings and errors are what an operator needs.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
    }

    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;
    private final ByteBuffer nativeFrame;
    private final IntBuffer nativePixels;

    public ClipEncoder(Path target, int width, int height, int fps, EncoderSettings settings) throws FrameRecorder.Exception {
        this.width = width;
        this.height = height;
        this.nativeFrame = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
        this.nativePixels = nativeFrame.asIntBuffer();
        recorder = new FFmpegFrameRecorder(target.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps * 2);
        recorder.setVideoOption("preset", settings.preset());
        recorder.setVideoOption("crf", Integer.toString(settings.crf()));
        // x264's macroblock-tree rate control made the same frames encode to different bytes from run to run;
        // without it a shot is byte-for-byte reproducible, as idempotent redelivery wants.
        recorder.setVideoOption("x264-params", "mbtree=0");
        recorder.setOption("movflags", "+faststart");
        recorder.start();
    }

    /** Appends one frame; {@code frame} must be a {@code TYPE_INT_RGB} image of the clip's size. */
    public void write(BufferedImage frame) throws FrameRecorder.Exception {
        if (frame.getType() != BufferedImage.TYPE_INT_RGB || frame.getWidth() != width || frame.getHeight() != height) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " TYPE_INT_RGB frame");
        }
        // 0x00RRGGBB ints in native (little-endian) order are the bytes B, G, R, 0.
        nativePixels.clear();
        nativePixels.put(((DataBufferInt) frame.getRaster().getDataBuffer()).getData());
        recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 4, width * 4, avutil.AV_PIX_FMT_BGR0, nativeFrame);
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        try {
            recorder.stop();
        } finally {
            recorder.release();
        }
    }
}
