package io.starloom.worker.messaging;

import io.starloom.proto.v1.GenerateShotCommand;
import io.starloom.proto.v1.ShotFailed;
import io.starloom.proto.v1.ShotGenerated;
import io.starloom.proto.v1.ShotStarted;
import io.starloom.proto.v1.StoryEvent;
import io.starloom.worker.shot.ShotOutcome;

/** The StoryEvents of one shot, keyed by its index and attempt as the scheduler expects. */
final class ShotEvents {
    private ShotEvents() {
    }

    static StoryEvent.Builder started(GenerateShotCommand command, String workerId, String backend) {
        return StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder()
                .setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt())
                .setWorkerId(workerId)
                .setBackend(backend));
    }

    static StoryEvent.Builder finished(GenerateShotCommand command, ShotOutcome outcome, String backend) {
        if (outcome instanceof ShotOutcome.Generated generated) {
            return StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder()
                    .setShotIndex(command.getShotIndex())
                    .setAttempt(command.getAttempt())
                    .setClipUri(generated.clip().toUri().toString())
                    .setFrameCount(generated.facts().frames())
                    .setRenderMillis(generated.facts().renderMillis())
                    .setBackend(backend));
        }
        ShotOutcome.Failed failed = (ShotOutcome.Failed) outcome;
        return StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder()
                .setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt())
                .setReason(failed.reason())
                .setMessage(failed.message())
                .setRetryable(failed.retryable()));
    }
}
