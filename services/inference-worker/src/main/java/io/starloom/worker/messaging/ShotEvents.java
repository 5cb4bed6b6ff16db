package io.starloom.worker.messaging;

import com.google.protobuf.util.Durations;

import io.starloom.contracts.Failures;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotProgress;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.shot.ShotOutcome;

/** The StoryEvents of one shot, keyed by its index and attempt as the scheduler expects. */
final class ShotEvents {
    /** The failure domain of what the worker reports. */
    static final String SERVICE = "inference-worker";

    private ShotEvents() {
    }

    static StoryEvent.Builder started(GenerateShotCommand command, String workerId, String backend) {
        return StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder()
                .setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt())
                .setWorkerId(workerId)
                .setBackend(backend));
    }

    /** The attempt is still rendering: renews its lease with the scheduler. */
    static StoryEvent.Builder progress(GenerateShotCommand command, String workerId) {
        return StoryEvent.newBuilder().setShotProgress(ShotProgress.newBuilder()
                .setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt())
                .setWorkerId(workerId));
    }

    static StoryEvent.Builder finished(GenerateShotCommand command, ShotOutcome outcome, String backend) {
        if (outcome instanceof ShotOutcome.Generated generated) {
            return StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder()
                    .setShotIndex(command.getShotIndex())
                    .setAttempt(command.getAttempt())
                    .setClipUri(generated.clipUri())
                    .setFrameCount(generated.facts().frames())
                    .setRenderDuration(Durations.fromMillis(generated.facts().renderMillis()))
                    .setBackend(backend)
                    .setAudioUri(generated.audioUri()));
        }
        ShotOutcome.Failed failed = (ShotOutcome.Failed) outcome;
        return StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder()
                .setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt())
                .setFailure(Failures.of(SERVICE, failed.reason(), failed.message()))
                .setRetryable(failed.retryable())
                .setKind(kind(failed.kind())));
    }

    private static ShotFailureKind kind(BackendFailure.Kind kind) {
        return switch (kind) {
            case RETRYABLE -> ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE;
            case CONTENT_REFUSED -> ShotFailureKind.SHOT_FAILURE_KIND_CONTENT_REFUSED;
            case PERMANENT -> ShotFailureKind.SHOT_FAILURE_KIND_PERMANENT;
        };
    }
}
