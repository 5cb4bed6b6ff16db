package io.starloom.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import io.starloom.worker.backend.preview.PreviewBackend;
import io.starloom.worker.backend.sim.SimBackend;

class WorkerConfigTest {

    @Test
    void theQueueLinkGoesToTheBrokerOfTheConnector() {
        WorkerConfig.Queue queue = config(Map.of("amqp-host", "broker.mesh", "amqp-port", "5673",
                "amqp-username", "worker", "amqp-password", "secret")).worker().queue();

        assertThat(queue.address()).as("by default the queue of the worker's profile").isEmpty();
        assertThat(queue.host()).isEqualTo("broker.mesh");
        assertThat(queue.port()).isEqualTo(5673);
        assertThat(queue.username()).contains("worker");
        assertThat(queue.password()).contains("secret");
    }

    @Test
    void withoutBrokerCredentialsTheLinkHasNone() {
        WorkerConfig.Queue queue = config(Map.of("amqp-host", "localhost", "amqp-port", "5672")).worker().queue();

        assertThat(queue.username()).isEmpty();
        assertThat(queue.password()).isEmpty();
    }

    @Test
    void everyWorkerSettingHasADefault() {
        WorkerConfig config = config(Map.of("amqp-host", "localhost", "amqp-port", "5672"));

        assertThat(config.worker().id()).isEmpty();
        assertThat(config.worker().backend()).isEqualTo(PreviewBackend.NAME);
        assertThat(config.worker().maxFrames()).isEqualTo(1000);
        assertThat(config.media().root()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "starloom-media"));
    }

    @Test
    void theDocumentedEnvironmentVariablesSetTheirSettings() {
        WorkerConfig config = config(Map.of("amqp-host", "localhost", "amqp-port", "5672"), Map.of(
                "STARLOOM_WORKER_ID", "gpu-pod-7", "STARLOOM_WORKER_BACKEND", "sim", "STARLOOM_MEDIA_ROOT", "/srv/media"));

        assertThat(config.worker().id()).contains("gpu-pod-7");
        assertThat(config.worker().backend()).isEqualTo(SimBackend.NAME);
        assertThat(config.media().root()).isEqualTo(Path.of("/srv/media"));
    }

    /** Configuration as Quarkus builds it: expressions expanded, durations such as "2s" understood. */
    private static WorkerConfig config(Map<String, String> properties) {
        return config(properties, Map.of());
    }

    private static WorkerConfig config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100), new SysPropConfigSource(),
                        new EnvConfigSource(environment, 300))
                .withMapping(WorkerConfig.class)
                .build()
                .getConfigMapping(WorkerConfig.class);
    }
}
