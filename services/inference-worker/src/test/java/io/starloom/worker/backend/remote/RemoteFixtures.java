package io.starloom.worker.backend.remote;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.starloom.worker.backend.ShotControl;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.profile.ProfileCatalog;
import io.starloom.worker.profile.ProfileSpec;

/** What the remote backends' tests share: quick timings, a shot of a shipped profile, a control to steer it. */
public final class RemoteFixtures {
    public static final String NEGATIVE = "色调艳丽，过曝，静态，细节模糊不清，字幕";

    private RemoteFixtures() {
    }

    /** Polls every 20 ms (up to 80), retries after 50 ms: a test takes a second, not minutes. */
    public static RemoteSettings quick() {
        return new RemoteSettings() {
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(20);
            }

            public int retries() {
                return 3;
            }

            public Duration backoff() {
                return Duration.ofMillis(50);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(200);
            }

            public Duration pollInterval() {
                return Duration.ofMillis(20);
            }

            public Duration maxPollInterval() {
                return Duration.ofMillis(80);
            }

            public Duration shotTimeout() {
                return Duration.ofSeconds(60);
            }
        };
    }

    /** A first frame of the shot's size, as the preview's star chart would be. */
    public static byte[] firstFrame(ShotRequest shot) throws java.io.IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(shot.width(), shot.height(), java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        return png.toByteArray();
    }

    public static ProfileSpec profile(String name) {
        return new ProfileCatalog(Optional.empty()).load(name);
    }

    public static ShotRequest shot(String profileName, ShotControl control) {
        ProfileSpec profile = profile(profileName);
        return new ShotRequest("0b0e8a5e-7c39-4c31-9d6b-5f1f9f0c2a11", 2, 1, "仙女座被锁在海边的岩石上，银河横贯夜空 Andromeda chained to the rock", NEGATIVE,
                9_876_543_210L, profile.width(), profile.height(), profile.fps(), profile.frames(), List.of("And"), profile, control);
    }

    /** A control the test steers: cancel it, read what was recorded. */
    public static final class TestControl implements ShotControl {
        public final AtomicBoolean canceled = new AtomicBoolean();
        public final AtomicReference<String> task = new AtomicReference<>();
        public final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public boolean canceled() {
            return canceled.get();
        }

        @Override
        public Optional<String> remoteTask() {
            return Optional.ofNullable(task.get());
        }

        @Override
        public void remoteTaskStarted(String taskId) {
            task.set(taskId);
            events.add("started " + taskId);
        }

        @Override
        public void remoteTaskGone() {
            events.add("gone " + task.getAndSet(null));
        }
    }
}
