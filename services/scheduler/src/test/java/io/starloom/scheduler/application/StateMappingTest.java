package io.starloom.scheduler.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.StoryState;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;

class StateMappingTest {
    @Test
    void everyStatusIsTheApiStateOfTheSameName() {
        for (StoryStatus status : StoryStatus.values()) {
            assertThat(ProtoNames.bare(StateMapping.toProto(status))).isEqualTo(status.name());
            assertThat(StateMapping.fromProto(StateMapping.toProto(status))).isEqualTo(status);
        }
        for (ShotStatus status : ShotStatus.values()) {
            assertThat(ProtoNames.bare(StateMapping.toProto(status))).isEqualTo(status.name());
        }
        assertThat(Arrays.stream(StoryStatus.values()).map(StateMapping::toProto).distinct()).hasSize(StoryStatus.values().length);
    }

    @Test
    void statesNoStoryIsEverInHaveNoStatus() {
        for (StoryState state : new StoryState[] { StoryState.STORY_STATE_UNSPECIFIED, StoryState.STORY_STATE_SUBMITTED }) {
            assertThatIllegalArgumentException().isThrownBy(() -> StateMapping.fromProto(state)).withMessageContaining(state.name());
        }
    }
}
