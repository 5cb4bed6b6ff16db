package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.starloom.deploy.Manifests.Workload;

/**
 * The gpu overlay's inference pods, one pool per model profile: one GPU, the Wan2.2 server beside the worker,
 * placed and sized for it.
 */
class GpuOverlayTest {
    private static List<HasMetadata> objects;

    @BeforeAll
    static void render() {
        Assumptions.assumeTrue(Manifests.kubectl().isPresent(), "kubectl is not on the PATH (see RenderedOverlaysTest)");
        objects = Manifests.rendered("gpu");
        assertThat(gpuPools()).extracting(Workload::name).containsExactlyInAnyOrder("inference-worker", "inference-worker-ti2v-5b");
    }

    static List<Workload> gpuPools() {
        return Manifests.workloads(Manifests.rendered("gpu")).stream().filter(w -> RenderedOverlaysTest.isGpuPod(w.template().getSpec())).toList();
    }

    @ParameterizedTest
    @MethodSource("gpuPools")
    void engineRunsBesideTheWorkerWithAWholeGpu(Workload worker) {
        PodSpec pod = worker.template().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactlyInAnyOrder("inference-worker", "wan-server");
        Container engine = container(worker, "wan-server");
        Map<String, Quantity> requests = engine.getResources().getRequests();
        Map<String, Quantity> limits = engine.getResources().getLimits();
        assertThat(requests.get(RenderedOverlaysTest.GPU_RESOURCE)).as("GPU request = limit").isEqualTo(limits.get(RenderedOverlaysTest.GPU_RESOURCE));
        assertThat(Quantity.getAmountInBytes(limits.get(RenderedOverlaysTest.GPU_RESOURCE)).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(RenderedOverlaysTest.quantities(container(worker, "inference-worker").getResources().getLimits()))
                .as("the worker itself needs no GPU").doesNotContainKey(RenderedOverlaysTest.GPU_RESOURCE);
        // The worker talks to the engine over the pod's loopback, where the engine alone listens.
        assertThat(RenderedOverlaysTest.env(container(worker, "inference-worker"), "STARLOOM_BACKEND_URL")).contains("http://127.0.0.1:8091");
        assertThat(engine.getCommand()).contains("--host", "127.0.0.1", "--port", "8091");
    }

    @ParameterizedTest
    @MethodSource("gpuPools")
    void placedOnGpuNodesByFeatureDiscoveryLabels(Workload worker) {
        PodSpec pod = worker.template().getSpec();
        assertThat(RenderedOverlaysTest.requiredNodeTerms(pod)).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo(RenderedOverlaysTest.GPU_PRESENT);
            assertThat(r.getOperator()).isEqualTo("In");
            assertThat(r.getValues()).containsExactly("true");
        }).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo("nvidia.com/gpu.product");
            assertThat(r.getValues()).isNotEmpty();
        });
        assertThat(pod.getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getPriorityClassName()).isEqualTo("starloom-inference");
    }

    @ParameterizedTest
    @MethodSource("gpuPools")
    void sharedMemoryInRamAndModelCacheOnAVolume(Workload worker) {
        PodSpec pod = worker.template().getSpec();
        Container engine = container(worker, "wan-server");
        Volume shm = volumeMountedAt(pod, engine, "/dev/shm");
        assertThat(shm.getEmptyDir()).isNotNull();
        assertThat(shm.getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(Quantity.getAmountInBytes(shm.getEmptyDir().getSizeLimit()).longValue()).isGreaterThanOrEqualTo(16L << 30);
        Volume models = volumeMountedAt(pod, engine, "/models");
        assertThat(models.getPersistentVolumeClaim()).isNotNull();
        PersistentVolumeClaim claim = Manifests.named(objects, PersistentVolumeClaim.class, models.getPersistentVolumeClaim().getClaimName());
        assertThat(claim.getSpec().getAccessModes()).as("pods on several GPU nodes share the cache").contains("ReadWriteMany");
    }

    @ParameterizedTest
    @MethodSource("gpuPools")
    void longModelLoadAndAShotInFlightAreWaitedFor(Workload worker) throws Exception {
        Container engine = container(worker, "wan-server");
        var startup = engine.getStartupProbe();
        assertThat((long) startup.getPeriodSeconds() * startup.getFailureThreshold()).as("seconds allowed for the model load")
                .isGreaterThanOrEqualTo(30 * 60);
        // The pool's profile as the worker ships it: a shot on its typical GPU fits in the grace period, twice over.
        String profile = worker.template().getMetadata().getLabels().get(ScalingTest.PROFILE_LABEL);
        JsonNode spec = new ObjectMapper().readTree(Manifests.deployDirectory()
                .resolveSibling("services/inference-worker/src/main/resources/profiles/" + profile + ".json").toFile());
        double shotSeconds = spec.path("secondsPerShot").path(spec.path("typicalHardware").asText()).asDouble();
        assertThat(shotSeconds).as("%s: seconds per shot on its typical hardware", profile).isPositive();
        assertThat(worker.template().getSpec().getTerminationGracePeriodSeconds()).as(worker.name()).isGreaterThanOrEqualTo((long) (1.5 * shotSeconds));
    }

    private static Container container(Workload worker, String name) {
        return worker.template().getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Volume volumeMountedAt(PodSpec pod, Container container, String path) {
        String volume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path)).getName();
        return pod.getVolumes().stream().filter(v -> v.getName().equals(volume)).findFirst().orElseThrow();
    }
}
