package io.starloom.scheduler.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.VideoFormat;

/** The shot length enrichment is told: what one call of the profile makes. */
class EnrichmentStageTest {
    @Test
    void aProfilesShotIsItsFramesOverItsRateRounded() {
        assertThat(EnrichmentStage.shotSeconds(profile(81, 16))).as("Wan2.2 A14B").isEqualTo(5);
        assertThat(EnrichmentStage.shotSeconds(profile(121, 24))).isEqualTo(5);
        assertThat(EnrichmentStage.shotSeconds(profile(241, 24))).isEqualTo(10);
        assertThat(EnrichmentStage.shotSeconds(profile(9, 16))).as("never 0 for a real clip").isEqualTo(1);
        assertThat(EnrichmentStage.shotSeconds(profile(81, 0))).as("unknown: enrichment's default").isZero();
    }

    private static ModelProfile profile(int frames, int fps) {
        return ModelProfile.newBuilder().setName("p").setFrameCount(frames).setFormat(VideoFormat.newBuilder().setFps(fps)).build();
    }
}
