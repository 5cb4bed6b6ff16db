package io.starloom.worker.messaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.google.protobuf.Timestamp;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.proto.v1.GenerateShotCommand;
import io.starloom.proto.v1.ShotFailed;
import io.starloom.proto.v1.ShotGenerated;
import io.starloom.proto.v1.ShotStarted;
import io.starloom.proto.v1.StoryEvent;
import io.starloom.worker.backend.RenderedClip;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.config.WorkerConfig;
import io.starloom.worker.media.ClipStore;

/**
 * Takes shots from the generation queue one at a time — the next is only taken once this one is done —
 * renders each with the configured backend and reports back. The command is acknowledged only after the
 * result reached the broker, so a worker that dies mid-shot leaves the shot to be redelivered.
 */
@ApplicationScoped
public class GenerationConsumer {
    private static final Logger LOG = Logger.getLogger(GenerationConsumer.class);
    private static final String SOURCE = "/starloom/inference-worker";

    private final VideoBackend backend;
    private final ClipStore clips;
    private final MutinyEmitter<byte[]> events;
    private final WorkerConfig config;

    public GenerationConsumer(VideoBackend backend, ClipStore clips, @Channel("scheduler-events") MutinyEmitter<byte[]> events,
            WorkerConfig config) {
        this.backend = backend;
        this.clips = clips;
        this.events = events;
        this.config = config;
    }

    @Incoming("generation-requests")
    public Uni<Void> consume(Message<byte[]> message) {
        GenerateShotCommand command;
        try {
            command = ProtoEnvelope.unwrap(message, GenerateShotCommand.newBuilder());
        } catch (MalformedMessageException e) {
            LOG.warnf("unreadable generation command refused: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        String invalid = validate(command);
        if (invalid != null) {
            return emit(command, failed(command, "INVALID_COMMAND", invalid, false)).chain(() -> ack(message));
        }
        return emit(command, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt()).setWorkerId(config.worker().id()).setBackend(backend.name())))
                .chain(() -> Uni.createFrom().item(() -> render(command)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "story %s shot %d attempt %d failed", command.getStoryId(), command.getShotIndex(), command.getAttempt());
                    return failed(command, "BACKEND_ERROR", String.valueOf(failure.getMessage()), true);
                })
                .chain(result -> emit(command, result))
                .chain(() -> ack(message))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(message.nack(failure)));
    }

    private StoryEvent.Builder render(GenerateShotCommand command) {
        try {
            Path target = clips.clipPath(command.getStoryId(), command.getShotIndex(), command.getAttempt());
            long begin = System.nanoTime();
            int frames = command.getProfile().getFrameCount();
            if (!Files.isRegularFile(target) || Files.size(target) == 0) {
                Path temporary = clips.temporaryFor(target);
                try {
                    RenderedClip clip = backend.render(request(command), temporary);
                    frames = clip.frames();
                    clips.publish(temporary, target);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            long millis = (System.nanoTime() - begin) / 1_000_000;
            LOG.infof("story %s shot %d attempt %d rendered by %s in %d ms", command.getStoryId(), command.getShotIndex(),
                    command.getAttempt(), backend.name(), millis);
            return StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(command.getShotIndex())
                    .setAttempt(command.getAttempt()).setClipUri(target.toUri().toString()).setFrameCount(frames)
                    .setRenderMillis(millis).setBackend(backend.name()));
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private String validate(GenerateShotCommand command) {
        var format = command.getProfile().getFormat();
        int max = config.worker().maxDimension();
        if (format.getWidth() < 16 || format.getHeight() < 16 || format.getWidth() > max || format.getHeight() > max
                || format.getWidth() % 2 != 0 || format.getHeight() % 2 != 0) {
            return "frame size " + format.getWidth() + "x" + format.getHeight() + " is not renderable (even sizes 16.." + max + ")";
        }
        if (format.getFps() < 1 || format.getFps() > 120) {
            return "frame rate " + format.getFps() + " is out of range 1..120";
        }
        if (command.getProfile().getFrameCount() < 1 || command.getProfile().getFrameCount() > config.worker().maxFrames()) {
            return "frame count " + command.getProfile().getFrameCount() + " is out of range 1.." + config.worker().maxFrames();
        }
        try {
            UUID.fromString(command.getStoryId());
        } catch (IllegalArgumentException e) {
            return "story id '" + command.getStoryId() + "' is not a UUID";
        }
        return null;
    }

    private static ShotRequest request(GenerateShotCommand command) {
        var format = command.getProfile().getFormat();
        return new ShotRequest(command.getStoryId(), command.getShotIndex(), command.getAttempt(), command.getPrompt(),
                command.getNegativePrompt(), command.getSeed(), format.getWidth(), format.getHeight(), format.getFps(),
                command.getProfile().getFrameCount(), command.getConstellationsList());
    }

    private static StoryEvent.Builder failed(GenerateShotCommand command, String reason, String detail, boolean retryable) {
        return StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(command.getShotIndex())
                .setAttempt(command.getAttempt()).setReason(reason).setMessage(detail).setRetryable(retryable));
    }

    private Uni<Void> emit(GenerateShotCommand command, StoryEvent.Builder event) {
        long now = System.currentTimeMillis();
        StoryEvent built = event.setStoryId(command.getStoryId())
                .setOccurTime(Timestamp.newBuilder().setSeconds(now / 1000).setNanos((int) (now % 1000) * 1_000_000)).build();
        return events.sendMessage(ProtoEnvelope.wrap(UUID.randomUUID().toString(), SOURCE, command.getStoryId(), built));
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message.ack());
    }
}
