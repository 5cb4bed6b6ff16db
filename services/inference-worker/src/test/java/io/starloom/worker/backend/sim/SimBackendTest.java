package io.starloom.worker.backend.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.media.DecodedClip;

class SimBackendTest {
    @TempDir
    Path dir;

    @Test
    void takesTheConfiguredTimeAndLeavesAPlayableBlackClip() throws Exception {
        SimBackend backend = new SimBackend(Duration.ofMillis(400));
        Path clip = dir.resolve("sim.mp4");
        long begin = System.nanoTime();
        ClipFacts facts = backend.render(new ShotRequest("story", 0, 1, "stars", "", 1, 160, 90, 16, 9, List.of()), clip);
        long took = (System.nanoTime() - begin) / 1_000_000;

        assertThat(backend.name()).isEqualTo("sim");
        assertThat(took).isGreaterThanOrEqualTo(400);
        assertThat(facts.renderMillis()).isGreaterThanOrEqualTo(400);
        assertThat(facts).extracting(ClipFacts::frames, ClipFacts::fps, ClipFacts::width, ClipFacts::height).containsExactly(9, 16, 160, 90);
        DecodedClip decoded = DecodedClip.read(clip);
        assertThat(decoded.codec()).isEqualTo("h264");
        assertThat(decoded.frames()).hasSize(9);
        assertThat(decoded.frames()).allSatisfy(frame -> assertThat(DecodedClip.brightnessDeviation(frame)).isLessThan(1));
    }
}
