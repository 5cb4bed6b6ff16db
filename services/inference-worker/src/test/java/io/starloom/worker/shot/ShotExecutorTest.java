package io.starloom.worker.shot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bytedeco.javacv.FFmpegFrameGrabber;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.stubs.ClipMaker;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.sim.SimBackend;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.DecodedClip;
import io.starloom.worker.profile.ProfileSpec;
import io.starloom.worker.profile.WorkerProfile;

class ShotExecutorTest {
    @TempDir
    Path root;

    private static final String PROFILE = "wan2.2-t2v-a14b-720p";
    private final String story = UUID.randomUUID().toString();

    @Test
    void rendersIntoTheShotsOwnPathAndLeavesNothingElse() throws Exception {
        ShotOutcome outcome = executor(new Counting(new SimBackend(Duration.ZERO))).execute(command());

        ShotOutcome.Generated generated = (ShotOutcome.Generated) outcome;
        assertThat(generated.reused()).isFalse();
        Path clip = Path.of(URI.create(generated.clipUri()));
        assertThat(clip).isEqualTo(shotPath());
        assertThat(generated.facts()).extracting(ClipFacts::frames, ClipFacts::fps, ClipFacts::width, ClipFacts::height)
                .containsExactly(5, 16, 64, 36);
        List<java.awt.image.BufferedImage> frames = DecodedClip.read(clip).frames();
        assertThat(frames).hasSize(5);
        assertThat(filesIn(clip.getParent())).containsExactlyInAnyOrder("shot-002-a3.mp4", "shot-002-a3.thumb.jpg");
        java.awt.image.BufferedImage thumbnail = javax.imageio.ImageIO.read(clip.resolveSibling("shot-002-a3.thumb.jpg").toFile());
        assertThat(thumbnail.getWidth()).as("no wider than the clip").isEqualTo(64);
        assertThat(thumbnail.getHeight()).isEqualTo(36);
        assertThat(DecodedClip.difference(thumbnail, frames.get(2))).as("a frame of the clip, JPEG-close").isLessThan(8);
        assertThat(filesIn(root.resolve(".work"))).as("no work directory is left behind").isEmpty();
    }

    @Test
    void aFinishedClipIsReportedAgainInsteadOfRenderedAgain() {
        Counting backend = new Counting(new SimBackend(Duration.ZERO));
        ShotExecutor executor = executor(backend);
        ShotOutcome.Generated first = (ShotOutcome.Generated) executor.execute(command());
        ShotOutcome.Generated second = (ShotOutcome.Generated) executor.execute(command());

        assertThat(backend.calls.get()).isEqualTo(1);
        assertThat(second.reused()).isTrue();
        assertThat(second.clipUri()).isEqualTo(first.clipUri());
        assertThat(second.facts().frames()).isEqualTo(5);
        assertThat(second.facts().renderMillis()).isZero();
    }

    @Test
    void aDamagedClipIsRenderedAgain() throws Exception {
        Path target = shotPath();
        Files.createDirectories(target.getParent());
        Files.write(target, new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p' });
        Counting backend = new Counting(new SimBackend(Duration.ZERO));

        ShotOutcome.Generated generated = (ShotOutcome.Generated) executor(backend).execute(command());
        assertThat(backend.calls.get()).isEqualTo(1);
        assertThat(generated.reused()).isFalse();
        assertThat(DecodedClip.read(target).frames()).hasSize(5);
    }

    @Test
    void aBackendErrorFailsTheShotRetryablyWithoutLeavingAFile() throws Exception {
        ShotOutcome outcome = executor(new Failing()).execute(command());

        assertThat(outcome).isEqualTo(new ShotOutcome.Failed("BACKEND_ERROR", "failing: GPU fell off the bus", BackendFailure.Kind.RETRYABLE));
        assertThat(filesIn(shotPath().getParent())).isEmpty();
        assertThat(filesIn(root.resolve(".work"))).as("no work directory is left behind").isEmpty();
    }

    @Test
    void aBackendThatWritesNoPlayableClipFailsTheShot() throws Exception {
        VideoBackend garbage = new Failing() {
            @Override
            public ClipFacts render(ShotRequest shot, Path target) throws IOException {
                Files.writeString(target, "not a video");
                return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), 1);
            }
        };
        ShotOutcome.Failed failed = (ShotOutcome.Failed) executor(garbage).execute(command());
        assertThat(failed.reason()).isEqualTo("CLIP_UNPLAYABLE");
        assertThat(failed.retryable()).isTrue();
        assertThat(filesIn(shotPath().getParent())).isEmpty();
    }

    @Test
    void aClipCutOffHalfWayIsNoGeneratedShot() throws Exception {
        VideoBackend truncating = new Failing() {
            @Override
            public ClipFacts render(ShotRequest shot, Path target) throws IOException {
                byte[] clip = ClipMaker.clip(new ClipMaker.Format(shot.width(), shot.height(), shot.fps(), shot.frames(), false));
                Files.write(target, Arrays.copyOf(clip, clip.length / 2));
                return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), 1);
            }
        };
        ShotOutcome.Failed failed = (ShotOutcome.Failed) executor(truncating).execute(command());
        assertThat(failed.reason()).isEqualTo("CLIP_UNPLAYABLE");
        assertThat(failed.kind()).isEqualTo(BackendFailure.Kind.RETRYABLE);
        assertThat(filesIn(shotPath().getParent())).isEmpty();
    }

    @Test
    void aClipOfAnotherSizeOrLengthFailsPermanently() {
        VideoBackend wrongLength = new Failing() {
            @Override
            public ClipFacts render(ShotRequest shot, Path target) throws IOException {
                Files.write(target, ClipMaker.clip(new ClipMaker.Format(shot.width(), shot.height(), shot.fps(), shot.frames() + 4, false)));
                return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), 1);
            }
        };
        ShotOutcome.Failed failed = (ShotOutcome.Failed) executor(wrongLength).execute(command());
        assertThat(failed.reason()).isEqualTo("CLIP_MISMATCH");
        assertThat(failed.kind()).isEqualTo(BackendFailure.Kind.PERMANENT);
        assertThat(failed.message()).contains("9 frames", "asked for 64x36 with 5");
    }

    @Test
    void theModelsOwnAudioIsKeptAsASeparateTrack() throws Exception {
        VideoBackend withSound = new Failing() {
            @Override
            public ClipFacts render(ShotRequest shot, Path target) throws IOException {
                Files.write(target, ClipMaker.clip(new ClipMaker.Format(shot.width(), shot.height(), shot.fps(), shot.frames(), true)));
                return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), 1);
            }
        };
        ProfileSpec local = ProfileSpec.local(PROFILE, 64, 36, 16, 5);
        ProfileSpec audible = new ProfileSpec(PROFILE, "test", null, 64, 36, 16, 5, List.of("64x36"), false, true, false, null, null, null,
                null, Map.of(), null, null, null);
        ShotOutcome.Generated generated = (ShotOutcome.Generated) new ShotExecutor(withSound, new FileSystemMediaStore(root),
                new WorkerProfile(audible, withSound)).execute(command());
        Path audio = Path.of(URI.create(generated.audioUri()));
        assertThat(audio.getFileName().toString()).isEqualTo("shot-002-a3.audio.m4a");
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(audio.toFile())) {
            grabber.start();
            assertThat(grabber.getAudioChannels()).isEqualTo(1);
            assertThat(grabber.getLengthInTime()).isGreaterThan(200_000);
            grabber.stop();
        }
        ShotOutcome.Generated silent = (ShotOutcome.Generated) new ShotExecutor(withSound, new FileSystemMediaStore(root.resolve("silent")),
                new WorkerProfile(local, withSound)).execute(command());
        assertThat(silent.audioUri()).as("a profile without audio keeps none").isEmpty();
    }

    @Test
    void aCommandForAnotherProfileIsRefusedPermanently() {
        Counting backend = new Counting(new SimBackend(Duration.ZERO));
        GenerateShotCommand other = command().toBuilder().setProfile(command().getProfile().toBuilder().setName("wan2.6-t2v-720p")).build();
        ShotOutcome.Failed failed = (ShotOutcome.Failed) executor(backend).execute(other);
        assertThat(failed.reason()).isEqualTo("PROFILE_NOT_SERVED");
        assertThat(failed.kind()).isEqualTo(BackendFailure.Kind.PERMANENT);
        assertThat(backend.calls.get()).isZero();
    }

    @Test
    void aStoryWhoseGenerationWasStoppedIsNoLongerWanted() throws Exception {
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        ShotExecutor executor = new ShotExecutor(new SimBackend(Duration.ZERO), store, new WorkerProfile(ProfileSpec.local(PROFILE, 64, 36, 16, 5),
                new SimBackend(Duration.ZERO)));
        assertThat(executor.wanted(command())).isTrue();
        Path mark = Files.createTempFile(root, "mark", "");
        store.put(MediaKey.generationStopped(story), mark);
        assertThat(executor.wanted(command())).isFalse();
    }

    private ShotExecutor executor(VideoBackend backend) {
        return new ShotExecutor(backend, new FileSystemMediaStore(root), new WorkerProfile(ProfileSpec.local(PROFILE, 64, 36, 16, 5), backend));
    }

    /** Where the media store keeps the clip of {@link #command()}. */
    private Path shotPath() {
        return root.resolve("stories").resolve(story).resolve("shots").resolve("shot-002-a3.mp4");
    }

    private GenerateShotCommand command() {
        return GenerateShotCommand.newBuilder().setStoryId(story).setShotIndex(2).setAttempt(3).setSeed(9).setPrompt("Vega")
                .setProfile(ModelProfile.newBuilder().setName(PROFILE).setFrameCount(5).setFormat(VideoFormat.newBuilder().setWidth(64).setHeight(36).setFps(16)))
                .build();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Counts how often the wrapped backend renders. */
    private static final class Counting implements VideoBackend {
        private final VideoBackend delegate;
        private final AtomicInteger calls = new AtomicInteger();

        Counting(VideoBackend delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public ClipFacts render(ShotRequest shot, Path target) throws Exception {
            calls.incrementAndGet();
            return delegate.render(shot, target);
        }
    }

    private static class Failing implements VideoBackend {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public ClipFacts render(ShotRequest shot, Path target) throws IOException {
            throw new IOException("GPU fell off the bus");
        }
    }
}
