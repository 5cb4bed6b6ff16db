package io.starloom.moderation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.starloom.contracts.Queues;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.mesh.support.messaging.SchedulerEvents;
import io.starloom.mesh.support.messaging.StageConsumer;
import io.starloom.mesh.support.messaging.StageFailureException;
import io.starloom.mesh.v1.FramesScreened;
import io.starloom.mesh.v1.ScreenFramesCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.moderation.frames.FrameClassifierException;
import io.starloom.moderation.frames.FrameScreener;
import io.starloom.moderation.media.FrameSampler;

/**
 * Screens the frames of each generated clip. Decoding and classifying are blocking and take a CPU core for
 * a while, so they run on a worker thread. A clip that is not there or cannot be read, and a classifier
 * that refuses for good, fail the stage with the reason; a classifier that is only unavailable (a remote
 * API answering 429 or 5xx) leaves the command to the broker's redelivery.
 */
@ApplicationScoped
public class FrameScreeningConsumer {
    static final String STAGE = "moderation";
    static final String INVALID_COMMAND = "INVALID_COMMAND";
    static final String CLIP_NOT_FOUND = "CLIP_NOT_FOUND";
    static final String CLIP_UNREADABLE = "CLIP_UNREADABLE";
    private static final Logger LOG = Logger.getLogger(FrameScreeningConsumer.class);

    private final FrameScreener screener;
    private final StageConsumer<ScreenFramesCommand> stage;

    public FrameScreeningConsumer(FrameScreener screener, SchedulerEvents events) {
        this.screener = screener;
        this.stage = new StageConsumer<>(STAGE, ScreenFramesCommand.getDefaultInstance(), events);
    }

    @Incoming(Queues.MODERATION_FRAMES)
    public Uni<Void> screen(Message<byte[]> message) {
        return stage.handleAsync(message,
                command -> Uni.createFrom().item(() -> screened(command)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private StoryEvent.Builder screened(ScreenFramesCommand command) {
        if (command.getShotIndex() < 0 || command.getAttempt() < 1 || command.getClipUri().isBlank()) {
            throw new StageFailureException(INVALID_COMMAND, "a frame screening command needs a shot index >= 0, an attempt >= 1 and a clip URI");
        }
        FramesScreened screened;
        try {
            screened = screener.screen(command);
        } catch (MediaReferenceException e) {
            throw new StageFailureException(e.reason(), e.getMessage());
        } catch (MediaNotFoundException e) {
            throw new StageFailureException(CLIP_NOT_FOUND, e.getMessage());
        } catch (FrameSampler.UnreadableClipException e) {
            throw new StageFailureException(CLIP_UNREADABLE, "shot " + (command.getShotIndex() + 1) + ": " + e.getMessage());
        } catch (FrameClassifierException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new StageFailureException(e.reason(), e.getMessage());
        }
        LOG.infof("story %s shot %d attempt %d: %d frame(s) screened by %s in %d ms, %s, %d finding(s)", command.getStoryId(),
                command.getShotIndex(), command.getAttempt(), screened.getFramesSampled(), screened.getClassifier(),
                Durations.toMillis(screened.getScreenDuration()), screened.getVerdict(), screened.getFindingsCount());
        return StoryEvent.newBuilder().setFramesScreened(screened);
    }
}
