package io.starloom.worker.shot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.VideoFormat;

class ShotCommandValidatorTest {
    private final ShotCommandValidator validator = new ShotCommandValidator(3840, 1000);

    @Test
    void acceptsTheWanProfiles() {
        assertThat(validator.problems(command(1280, 720, 16, 81).build())).isEmpty();
        assertThat(validator.problems(command(832, 480, 16, 81).build())).isEmpty();
        assertThat(validator.problems(command(1280, 704, 24, 121).build())).isEmpty();
    }

    @Test
    void refusesWhatNoAttemptCouldRender() {
        assertThat(validator.problems(command(1280, 720, 16, 0).build())).hasValueSatisfying(p -> assertThat(p).contains("frame_count 0"));
        assertThat(validator.problems(command(100_000, 100_000, 16, 81).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("100000x100000"));
        assertThat(validator.problems(command(1281, 720, 16, 81).build())).hasValueSatisfying(p -> assertThat(p).contains("even"));
        assertThat(validator.problems(command(1280, 720, 0, 81).build())).hasValueSatisfying(p -> assertThat(p).contains("fps 0"));
        assertThat(validator.problems(command(1280, 720, 16, 5000).build())).hasValueSatisfying(p -> assertThat(p).contains("1..1000"));
        assertThat(validator.problems(GenerateShotCommand.newBuilder().setStoryId(UUID.randomUUID().toString()).setAttempt(1).build()))
                .as("no profile").hasValueSatisfying(p -> assertThat(p).contains("0x0", "frame_count 0"));
    }

    @Test
    void refusesIdsThatCouldLeaveTheMediaStore() {
        assertThat(validator.problems(command(1280, 720, 16, 81).setStoryId("../../etc").build()))
                .hasValueSatisfying(p -> assertThat(p).contains("story_id '../../etc' is not a UUID"));
        assertThat(validator.problems(command(1280, 720, 16, 81).setShotIndex(-1).build())).hasValueSatisfying(p -> assertThat(p).contains("shot_index"));
        assertThat(validator.problems(command(1280, 720, 16, 81).setAttempt(0).build())).hasValueSatisfying(p -> assertThat(p).contains("attempt"));
    }

    private static GenerateShotCommand.Builder command(int width, int height, int fps, int frames) {
        return GenerateShotCommand.newBuilder().setStoryId(UUID.randomUUID().toString()).setShotIndex(0).setAttempt(1)
                .setProfile(ModelProfile.newBuilder().setName("wan2.2-t2v-a14b-720p").setFrameCount(frames)
                        .setFormat(VideoFormat.newBuilder().setWidth(width).setHeight(height).setFps(fps)));
    }
}
