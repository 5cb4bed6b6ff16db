package io.starloom.worker.shot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.ClipProbe;

/**
 * Makes the clip of one valid command, idempotently: a playable clip already stored under the command's key
 * (an earlier delivery finished it) is reported again rather than rendered again; otherwise the backend
 * renders into a work directory, and the clip is checked and then put into the media store.
 */
@ApplicationScoped
public class ShotExecutor {
    private static final String CLIP_FILE = "clip.mp4";
    private static final Logger LOG = Logger.getLogger(ShotExecutor.class);

    private final VideoBackend backend;
    private final MediaStore store;

    public ShotExecutor(VideoBackend backend, MediaStore store) {
        this.backend = backend;
        this.store = store;
    }

    /** Blocking: runs the backend on the calling thread. */
    public ShotOutcome execute(GenerateShotCommand command) {
        MediaKey key = MediaKey.clip(command.getStoryId(), command.getShotIndex(), command.getAttempt());
        String uri = store.uriOf(key);
        Optional<ClipFacts> existing = store.exists(uri) ? ClipProbe.probe(store.localFile(uri)) : Optional.empty();
        if (existing.isPresent()) {
            return new ShotOutcome.Generated(uri, existing.get(), true);
        }
        try (WorkDirectory work = store.newWorkDirectory()) {
            Path clip = work.path().resolve(CLIP_FILE);
            ClipFacts rendered = backend.render(request(command), clip);
            ClipFacts written = ClipProbe.probe(clip).orElseThrow(
                    () -> new IOException(backend.name() + " produced no playable H.264 clip"));
            store.put(key, clip);
            return new ShotOutcome.Generated(uri, new ClipFacts(written.frames(), written.fps(), written.width(), written.height(),
                    rendered.renderMillis()), false);
        } catch (Exception e) {
            LOG.warnf(e, "story %s shot %d attempt %d: %s failed", command.getStoryId(), command.getShotIndex(), command.getAttempt(),
                    backend.name());
            return new ShotOutcome.Failed(ShotOutcome.BACKEND_ERROR, backend.name() + ": " + describe(e), true);
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
}
