package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.postprocess.media.FfmpegTool.Executable;

/** Small real clips made with the bundled FFmpeg, for tests that need media on disk. */
public final class TestClips {
    private TestClips() {
    }

    /**
     * Writes an H.264 clip of a lavfi source graph, e.g. {@code testsrc2=size=320x180:rate=16}.
     */
    public static Path make(FfmpegTool tool, Path file, String lavfiSource, double seconds) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tool.run(Executable.FFMPEG, List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", lavfiSource,
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "file:" + file), Duration.ofMinutes(1)).requireSuccess("making a test clip");
        return file;
    }

    /** Makes a clip as {@link #make} does and puts it into the store under {@code key}; its URI. */
    public static String store(MediaStore store, MediaKey key, FfmpegTool tool, String lavfiSource, double seconds) {
        try (WorkDirectory work = store.newWorkDirectory()) {
            return store.put(key, make(tool, work.path().resolve("clip.mp4"), lavfiSource, seconds));
        }
    }
}
