package io.starloom.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.Durations;

import io.starloom.contracts.Failures;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.shot.ShotOutcome;

class ShotEventsTest {
    private final GenerateShotCommand command = GenerateShotCommand.newBuilder().setStoryId("s").setShotIndex(4).setAttempt(2).build();

    @Test
    void aGeneratedClipBecomesShotGeneratedWithItsFileUri() {
        String clip = "file:///media/stories/s/shots/shot-004-a2.mp4";
        StoryEvent event = ShotEvents.finished(command, new ShotOutcome.Generated(clip, new ClipFacts(81, 16, 1280, 720, 2300), false, ""),
                "preview").setStoryId("s").build();
        assertThat(event.getShotGenerated()).isEqualTo(ShotGenerated.newBuilder().setShotIndex(4).setAttempt(2)
                .setClipUri("file:///media/stories/s/shots/shot-004-a2.mp4").setFrameCount(81).setRenderDuration(Durations.fromMillis(2300))
                .setBackend("preview").build());
    }

    @Test
    void aFailureKeepsItsReasonAndWhetherToRetry() {
        StoryEvent event = ShotEvents.finished(command, new ShotOutcome.Failed("BACKEND_ERROR", "preview: disk full", BackendFailure.Kind.RETRYABLE), "preview")
                .build();
        assertThat(event.getShotFailed()).isEqualTo(ShotFailed.newBuilder().setShotIndex(4).setAttempt(2).setFailure(Failures.of("inference-worker", "BACKEND_ERROR", "preview: disk full")).setRetryable(true).setKind(ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE).build());
    }

    @Test
    void shotStartedNamesTheWorkerAndItsBackend() {
        StoryEvent event = ShotEvents.started(command, "gpu-pod-7", "sim").build();
        assertThat(event.getShotStarted().getWorkerId()).isEqualTo("gpu-pod-7");
        assertThat(event.getShotStarted().getBackend()).isEqualTo("sim");
        assertThat(event.getShotStarted().getShotIndex()).isEqualTo(4);
        assertThat(event.getShotStarted().getAttempt()).isEqualTo(2);
    }
}
