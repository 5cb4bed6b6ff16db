package io.starloom.worker.shot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.ClipProbe;
import io.starloom.worker.media.ClipStore;

/**
 * Makes the clip of one valid command, idempotently: a playable clip already at the command's path (an
 * earlier delivery finished it) is reported again rather than rendered again; otherwise the backend renders
 * into a temporary file that is checked and then moved under the final name in one step.
 */
@ApplicationScoped
public class ShotExecutor {
    private static final Logger LOG = Logger.getLogger(ShotExecutor.class);

    private final VideoBackend backend;
    private final ClipStore clips;

    public ShotExecutor(VideoBackend backend, ClipStore clips) {
        this.backend = backend;
        this.clips = clips;
    }

    /** Blocking: runs the backend on the calling thread. */
    public ShotOutcome execute(GenerateShotCommand command) {
        Path target = clips.clipPath(command.getStoryId(), command.getShotIndex(), command.getAttempt());
        Optional<ClipFacts> existing = ClipProbe.probe(target);
        if (existing.isPresent()) {
            return new ShotOutcome.Generated(target, existing.get(), true);
        }
        Path temporary = null;
        try {
            temporary = clips.temporaryFor(target);
            ClipFacts rendered = backend.render(request(command), temporary);
            ClipFacts written = ClipProbe.probe(temporary).orElseThrow(
                    () -> new IOException(backend.name() + " produced no playable H.264 clip"));
            clips.publish(temporary, target);
            return new ShotOutcome.Generated(target, new ClipFacts(written.frames(), written.fps(), written.width(), written.height(),
                    rendered.renderMillis()), false);
        } catch (Exception e) {
            LOG.warnf(e, "story %s shot %d attempt %d: %s failed", command.getStoryId(), command.getShotIndex(), command.getAttempt(),
                    backend.name());
            return new ShotOutcome.Failed(ShotOutcome.BACKEND_ERROR, backend.name() + ": " + describe(e), true);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static ShotRequest request(GenerateShotCommand command) {
        VideoFormat format = command.getProfile().getFormat();
        return new ShotRequest(command.getStoryId(), command.getShotIndex(), command.getAttempt(), command.getPrompt(),
                command.getNegativePrompt(), command.getSeed(), format.getWidth(), format.getHeight(), format.getFps(),
                command.getProfile().getFrameCount(), command.getConstellationsList());
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOG.debugf("could not remove %s: %s", temporary, e.getMessage());
        }
    }
}
