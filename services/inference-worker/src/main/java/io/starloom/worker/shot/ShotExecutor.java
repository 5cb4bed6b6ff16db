package io.starloom.worker.shot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.AudioTrack;
import io.starloom.worker.media.ClipProbe;
import io.starloom.worker.media.ClipThumbnail;
import io.starloom.worker.profile.ProfileSpec;
import io.starloom.worker.profile.WorkerProfile;

/**
 * Makes the clip of one valid command, idempotently: a playable clip already stored under the command's key
 * (an earlier delivery finished it) is reported again rather than rendered again; otherwise the backend
 * renders into a work directory, and the clip is decoded in full and checked against the size and frame count
 * asked for — a 0-byte, truncated or wrongly sized "success" is a typed failure, never a generated shot — and
 * then put into the media store, with the model's own audio track beside it when the profile makes audio.
 */
@ApplicationScoped
public class ShotExecutor {
    private static final String CLIP_FILE = "clip.mp4";
    private static final String THUMBNAIL_FILE = "thumbnail.jpg";
    private static final String AUDIO_FILE = "audio.m4a";
    private static final Logger LOG = Logger.getLogger(ShotExecutor.class);

    private final VideoBackend backend;
    private final MediaStore store;
    private final ProfileSpec profile;

    public ShotExecutor(VideoBackend backend, MediaStore store, WorkerProfile profile) {
        this.backend = backend;
        this.store = store;
        this.profile = profile.spec();
    }

    /** Blocking (the media store may be remote): whether the story still wants this shot. */
    public boolean wanted(GenerateShotCommand command) {
        return !MediaShotControl.stopped(store, command.getStoryId(), command.getShotIndex());
    }

    /** Blocking: runs the backend on the calling thread. */
    public ShotOutcome execute(GenerateShotCommand command) {
        String story = command.getStoryId();
        MediaKey key = MediaKey.clip(story, command.getShotIndex(), command.getAttempt());
        String uri = store.uriOf(key);
        String audioUri = store.uriOf(MediaKey.clipAudio(story, command.getShotIndex(), command.getAttempt()));
        Optional<ClipFacts> existing = store.exists(uri) ? ClipProbe.probe(store.localFile(uri)) : Optional.empty();
        if (existing.isPresent()) {
            return new ShotOutcome.Generated(uri, existing.get(), true, store.exists(audioUri) ? audioUri : "");
        }
        if (!command.getProfile().getName().equals(profile.name())) {
            return new ShotOutcome.Failed(ShotOutcome.PROFILE_NOT_SERVED, "this worker serves profile " + profile.name() + ", not "
                    + command.getProfile().getName(), BackendFailure.Kind.PERMANENT);
        }
        MediaShotControl control = new MediaShotControl(store, story, command.getShotIndex(), command.getAttempt(), backend.name());
        ShotRequest request = request(command, profile, control);
        try (WorkDirectory work = store.newWorkDirectory()) {
            Path clip = work.path().resolve(CLIP_FILE);
            ClipFacts rendered = backend.render(request, clip);
            ClipFacts written = verified(request, clip);
            String audio = "";
            Path track = work.path().resolve(AUDIO_FILE);
            if (profile.audio() && AudioTrack.extract(clip, track)) {
                audio = store.put(MediaKey.clipAudio(story, command.getShotIndex(), command.getAttempt()), track);
            }
            putThumbnail(command, clip, work.path().resolve(THUMBNAIL_FILE));
            store.put(key, clip);
            return new ShotOutcome.Generated(uri, new ClipFacts(written.frames(), written.fps(), written.width(), written.height(),
                    rendered.renderMillis()), false, audio);
        } catch (BackendFailure e) {
            LOG.warnf("story %s shot %d attempt %d: %s failed (%s %s): %s", story, command.getShotIndex(), command.getAttempt(),
                    backend.name(), e.kind(), e.reason(), e.getMessage());
            return new ShotOutcome.Failed(e.reason(), e.getMessage(), e.kind());
        } catch (Exception e) {
            LOG.warnf(e, "story %s shot %d attempt %d: %s failed", story, command.getShotIndex(), command.getAttempt(), backend.name());
            return new ShotOutcome.Failed(ShotOutcome.BACKEND_ERROR, backend.name() + ": " + describe(e), BackendFailure.Kind.RETRYABLE);
        }
    }

    /**
     * The clip's thumbnail beside it, before the clip itself, so that a stored clip has one. A frame that will not
     * scale is no reason to fail a good clip: logged, and the shot goes on without a thumbnail.
     */
    private void putThumbnail(GenerateShotCommand command, Path clip, Path jpeg) {
        try {
            ClipThumbnail.write(clip, jpeg);
            store.put(MediaKey.clipThumbnail(command.getStoryId(), command.getShotIndex(), command.getAttempt()), jpeg);
        } catch (Exception e) {
            LOG.warnf("story %s shot %d attempt %d: no thumbnail: %s", command.getStoryId(), command.getShotIndex(), command.getAttempt(),
                    describe(e));
        }
    }

    /** The clip's facts when every frame decodes and size and count are the ones asked for. */
    private ClipFacts verified(ShotRequest request, Path clip) throws Exception {
        long bytes = Files.isRegularFile(clip) ? Files.size(clip) : 0;
        ClipFacts facts = ClipProbe.decodeAll(clip).orElseThrow(() -> BackendFailure.retryable(ShotOutcome.CLIP_UNPLAYABLE,
                backend.name() + " produced no playable H.264 clip (" + bytes + " bytes)"));
        int expectedFrames = request.frames();
        if (facts.width() != request.width() || facts.height() != request.height()
                || Math.abs(facts.frames() - expectedFrames) > request.profile().frameTolerance()) {
            throw BackendFailure.permanent(ShotOutcome.CLIP_MISMATCH, backend.name() + " made " + facts.width() + "x" + facts.height() + " with "
                    + facts.frames() + " frames, asked for " + request.width() + "x" + request.height() + " with " + expectedFrames);
        }
        return facts;
    }

    private static ShotRequest request(GenerateShotCommand command, ProfileSpec profile, MediaShotControl control) {
        VideoFormat format = command.getProfile().getFormat();
        return new ShotRequest(command.getStoryId(), command.getShotIndex(), command.getAttempt(), command.getPrompt(),
                command.getNegativePrompt(), command.getSeed(), format.getWidth(), format.getHeight(), format.getFps(),
                command.getProfile().getFrameCount(), command.getConstellationsList(), profile, control);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
