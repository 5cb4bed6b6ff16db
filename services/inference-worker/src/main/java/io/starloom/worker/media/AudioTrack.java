package io.starloom.worker.media;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Takes the audio a model made out of its clip, as a separate AAC track for postprocess to mix under the
 * narration (wan2.5 and later make sound of their own).
 */
public final class AudioTrack {
    private AudioTrack() {
    }

    /** Writes the clip's audio to {@code target} (AAC in MP4); false when the clip has none. */
    public static boolean extract(Path clip, Path target) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            if (grabber.getAudioChannels() <= 0) {
                grabber.stop();
                return false;
            }
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(grabber.getSampleRate());
                recorder.setAudioBitrate(128_000);
                recorder.start();
                boolean any = false;
                for (Frame samples = grabber.grabSamples(); samples != null; samples = grabber.grabSamples()) {
                    recorder.record(samples);
                    any = true;
                }
                recorder.stop();
                grabber.stop();
                return any;
            }
        }
    }
}
