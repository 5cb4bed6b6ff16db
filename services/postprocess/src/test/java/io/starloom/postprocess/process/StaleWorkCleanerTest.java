package io.starloom.postprocess.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.postprocess.config.MediaConfig;
import io.starloom.postprocess.config.PostprocessConfig;

class StaleWorkCleanerTest {
    @TempDir
    Path root;

    @Test
    void oldLeftoversGoAndLiveWorkStays() throws Exception {
        Path oldWork = Files.createDirectories(root.resolve(".work/work-1"));
        Files.writeString(oldWork.resolve("film.mp4"), "half");
        Path liveWork = Files.createDirectories(root.resolve(".work/work-2"));
        Path film = Files.createDirectories(root.resolve("stories/s/film"));
        Path oldPart = Files.writeString(film.resolve(".film.mp4.123.part"), "half");
        Path livePart = Files.writeString(film.resolve(".film.vtt.456.part"), "half");
        Path done = Files.writeString(film.resolve("film.srt"), "done");
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(oldWork, hourAgo);
        Files.setLastModifiedTime(oldPart, hourAgo);
        Files.setLastModifiedTime(done, hourAgo);

        StaleWorkCleaner cleaner = new StaleWorkCleaner(() -> root, config(Duration.ofMinutes(10)));
        assertEquals(2, cleaner.clean(Instant.now().minus(Duration.ofMinutes(11))));
        assertTrue(Files.notExists(oldWork) && Files.notExists(oldPart));
        assertTrue(Files.exists(liveWork) && Files.exists(livePart) && Files.exists(done));
    }

    private static PostprocessConfig config(Duration encodeTimeout) {
        return new PostprocessConfig() {
            public int outputFps() { return 24; }
            public Duration crossfade() { return Duration.ofMillis(500); }
            public String x264Preset() { return "veryfast"; }
            public int crf() { return 20; }
            public Duration encodeTimeout() { return encodeTimeout; }
            public Duration probeTimeout() { return Duration.ofSeconds(30); }
            public double maxSlowdown() { return 1.25; }
            public double musicGainDb() { return -8; }
            public Optional<Path> musicFolder() { return Optional.empty(); }
        };
    }
}
