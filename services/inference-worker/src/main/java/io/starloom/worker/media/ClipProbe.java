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

    /**
     * The clip's facts when every frame of it decodes: the frame count is the number decoded, not the one the
     * container claims, so a clip cut off half-way is caught. Empty when it is not a playable H.264 video.
     */
    public static Optional<ClipFacts> decodeAll(Path clip) {
        Optional<ClipFacts> header = probe(clip);
        if (header.isEmpty()) {
            return header;
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            grabber.stop();
            ClipFacts facts = header.get();
            return frames == 0 ? Optional.empty() : Optional.of(new ClipFacts(frames, facts.fps(), facts.width(), facts.height(), 0));
        } catch (Exception e) {
            return Optional.empty();
        }
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
