package io.starloom.worker.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.javacv.FFmpegFrameGrabber;

import io.starloom.worker.backend.ClipFacts;

/** Reads back what a finished clip holds, to tell a usable clip from a damaged one. */
public final class ClipProbe {
    private ClipProbe() {
    }

    /** The clip's facts (render time 0) when {@code clip} is a readable H.264 video with frames; empty otherwise. */
    public static Optional<ClipFacts> probe(Path clip) {
        if (!Files.isRegularFile(clip)) {
            return Optional.empty();
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            int frames = grabber.getLengthInVideoFrames();
            boolean usable = "h264".equals(grabber.getVideoCodecName()) && frames > 0 && grabber.grabImage() != null;
            ClipFacts facts = new ClipFacts(frames, (int) Math.round(grabber.getFrameRate()), grabber.getImageWidth(),
                    grabber.getImageHeight(), 0);
            grabber.stop();
            return usable ? Optional.of(facts) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
