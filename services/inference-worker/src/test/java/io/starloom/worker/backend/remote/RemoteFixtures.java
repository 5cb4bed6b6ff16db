package io.starloom.worker.backend.remote;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.starloom.worker.backend.ShotControl;
import io.starloom.worker.backend.dashscope.DashScopeBackend;
import io.starloom.worker.backend.dashscope.DashScopeConfig;
import io.starloom.worker.backend.lightx2v.LightX2vBackend;
import io.starloom.worker.backend.lightx2v.LightX2vConfig;
import io.starloom.worker.backend.openai.OpenAiVideosBackend;
import io.starloom.worker.backend.openai.OpenAiVideosConfig;
import io.vertx.mutiny.core.Vertx;
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

    /** An openai-videos backend against {@code url}. */
    public static OpenAiVideosBackend openAi(Vertx vertx, String url, OpenAiVideosConfig.Encoding encoding, Optional<String> model,
            RemoteSettings settings) {
        OpenAiVideosConfig config = new OpenAiVideosConfig() {
            public String url() {
                return url;
            }

            public Encoding encoding() {
                return encoding;
            }

            public Optional<String> model() {
                return model;
            }

            public Optional<String> apiKey() {
                return Optional.empty();
            }

            public RemoteSettings remote() {
                return settings;
            }
        };
        return new OpenAiVideosBackend(new RemoteHttp(vertx, OpenAiVideosBackend.NAME, settings), config, RemoteFixtures::firstFrame);
    }

    /** A lightx2v backend against {@code url}. */
    public static LightX2vBackend lightx2v(Vertx vertx, String url, RemoteSettings settings) {
        LightX2vConfig config = new LightX2vConfig() {
            public String url() {
                return url;
            }

            public String resultDirectory() {
                return "/tmp/lightx2v-results/";
            }

            public RemoteSettings remote() {
                return settings;
            }
        };
        return new LightX2vBackend(new RemoteHttp(vertx, LightX2vBackend.NAME, settings), config, RemoteFixtures::firstFrame);
    }

    /** A dashscope backend against {@code url} with {@code key}. */
    public static DashScopeBackend dashscope(Vertx vertx, String url, String key, RemoteSettings settings) {
        DashScopeConfig config = new DashScopeConfig() {
            public String baseUrl() {
                return url;
            }

            public Optional<String> apiKey() {
                return Optional.of(key);
            }

            public Optional<String> workspace() {
                return Optional.empty();
            }

            public boolean promptExtend() {
                return false;
            }

            public boolean watermark() {
                return false;
            }

            public RemoteSettings remote() {
                return settings;
            }
        };
        return new DashScopeBackend(new RemoteHttp(vertx, DashScopeBackend.NAME, settings), config);
    }

    /** {@link #quick()} with another poll interval (first and longest alike). */
    public static RemoteSettings polling(Duration every) {
        RemoteSettings quick = quick();
        return new RemoteSettings() {
            public Duration connectTimeout() {
                return quick.connectTimeout();
            }

            public Duration requestTimeout() {
                return quick.requestTimeout();
            }

            public int retries() {
                return quick.retries();
            }

            public Duration backoff() {
                return quick.backoff();
            }

            public Duration maxBackoff() {
                return quick.maxBackoff();
            }

            public Duration pollInterval() {
                return every;
            }

            public Duration maxPollInterval() {
                return every;
            }

            public Duration shotTimeout() {
                return quick.shotTimeout();
            }
        };
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
