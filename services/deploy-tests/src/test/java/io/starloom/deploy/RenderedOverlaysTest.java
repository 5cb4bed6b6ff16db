package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.starloom.deploy.Manifests.Workload;

/**
 * Renders every overlay with {@code kubectl kustomize} and holds the result to the rules of
 * docs/operations.md: GPU placement only for inference pods, hardening, probes, limits, pinned images, no
 * secret values, the broker's topology file, scaling. Rules that concern one overlay are in
 * {@link GpuOverlayTest} and {@link ScalingTest}.
 */
class RenderedOverlaysTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String GPU_PRESENT = "nvidia.com/gpu.present";
    private static final Set<String> QUARKUS_SERVICES = Set.of("scheduler", "enrichment", "moderation", "postprocess", "inference-worker", "studio");
    /** Custom resources fabric8 has no model for; their fields are checked by ScalingTest. */
    private static final Set<String> CUSTOM_KINDS = Set.of("keda.sh/v1alpha1/ScaledObject", "keda.sh/v1alpha1/TriggerAuthentication");

    @BeforeAll
    static void kubectlPresent() {
        // Reason for skipping: the overlays can only be rendered by Kustomize, which has no JVM
        // implementation; kubectl (with Kustomize 5) is on the project's machines. RawManifestsTest checks
        // every manifest file without it.
        Assumptions.assumeTrue(Manifests.kubectl().isPresent(),
                "kubectl is not on the PATH: the overlays cannot be rendered here; RawManifestsTest still checks the raw files");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectIsKnownAndHasNoUnknownFields(String overlay) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : Manifests.rendered(overlay)) {
            String id = object.getApiVersion() + "/" + object.getKind();
            if (object instanceof GenericKubernetesResource) {
                if (!CUSTOM_KINDS.contains(id)) {
                    problems.add(id + " " + object.getMetadata().getName() + " is of no kind fabric8 knows (typo in apiVersion or kind?)");
                }
                continue;
            }
            UnknownFields.in(object).forEach(path -> problems.add(id + " " + object.getMetadata().getName() + ": unknown field " + path));
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceBrokerAndDatabaseIsDeployed(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        Set<String> workloads = Manifests.workloads(objects).stream().map(Workload::name).collect(Collectors.toSet());
        assertThat(workloads).containsAll(QUARKUS_SERVICES).contains("starloom-broker", "starloom-postgres");
        assertThat(objects).allSatisfy(o -> {
            if (!(o instanceof PriorityClass)) {
                assertThat(o.getMetadata().getNamespace()).as("namespace of %s", o.getMetadata().getName()).isEqualTo("starloom");
            }
        });
        assertThat(Manifests.named(objects, Deployment.class, "scheduler").getSpec().getReplicas()).isGreaterThan(1);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void imagesArePinned(String overlay) {
        for (Workload workload : Manifests.workloads(Manifests.rendered(overlay))) {
            for (Container container : containers(workload)) {
                String image = container.getImage();
                String lastSegment = image.substring(image.lastIndexOf('/') + 1);
                assertThat(image.contains("@sha256:") || lastSegment.contains(":"))
                        .as("%s %s image %s has a tag or digest", workload, container.getName(), image).isTrue();
                assertThat(lastSegment).as("%s %s image", workload, container.getName()).doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerIsHardenedAndBounded(String overlay) {
        for (Workload workload : Manifests.workloads(Manifests.rendered(overlay))) {
            PodSpec pod = workload.template().getSpec();
            assertThat(pod.getSecurityContext()).as("%s pod security context", workload).isNotNull();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", workload).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("%s runAsUser", workload).isNotNull().isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as("%s seccomp", workload).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", workload).isFalse();
            assertThat(pod.getPriorityClassName()).as("%s priority class", workload).isNotBlank();
            for (Container container : containers(workload)) {
                String where = workload + " container " + container.getName();
                assertThat(container.getSecurityContext()).as(where).isNotNull();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where + " read-only root").isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where + " privilege escalation").isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(where + " drops").containsExactly("ALL");
                assertThat(container.getSecurityContext().getCapabilities().getAdd()).as(where + " adds").isNullOrEmpty();
                assertThat(container.getSecurityContext().getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
                ResourceRequirements resources = container.getResources();
                assertThat(resources.getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(resources.getLimits()).as(where + " limits").containsKeys("cpu", "memory");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(Quantity.getAmountInBytes(resources.getRequests().get(resource)))
                            .as(where + " " + resource + " request within limit")
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(resources.getLimits().get(resource)));
                }
                assertThat(container.getVolumeMounts()).as(where + " has a writable /tmp")
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void quarkusServicesProbeTheirHealthEndpoints(String overlay) {
        for (Workload workload : Manifests.workloads(Manifests.rendered(overlay))) {
            for (Container container : containers(workload)) {
                String where = workload + " container " + container.getName();
                assertThat(container.getStartupProbe()).as(where + " startup probe").isNotNull();
                assertThat(container.getLivenessProbe()).as(where + " liveness probe").isNotNull();
                assertThat(container.getReadinessProbe()).as(where + " readiness probe").isNotNull();
                if (!container.getImage().startsWith("starloom/")) {
                    continue;
                }
                assertThat(QUARKUS_SERVICES).contains(container.getName());
                assertHttpProbe(where, container, container.getStartupProbe(), "/q/health/started");
                assertHttpProbe(where, container, container.getLivenessProbe(), "/q/health/live");
                assertHttpProbe(where, container, container.getReadinessProbe(), "/q/health/ready");
                assertThat(env(container, "STARLOOM_BIND_HOST").or(() -> configValue(overlay, "STARLOOM_BIND_HOST")))
                        .as(where + " listens beyond loopback").contains("0.0.0.0");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyInferencePodsGoToGpuNodes(String overlay) {
        for (Workload workload : Manifests.workloads(Manifests.rendered(overlay))) {
            PodSpec pod = workload.template().getSpec();
            boolean gpuPod = isGpuPod(pod);
            if (gpuPod) {
                assertThat(workload.component()).as("%s is on GPU nodes, so it must be an inference pod", workload).isEqualTo("inference");
                assertThat(overlay).as("%s asks for a GPU", workload).isEqualTo("gpu");
            } else {
                List<NodeSelectorRequirement> required = requiredNodeTerms(pod);
                assertThat(required).as("%s keeps off GPU nodes", workload).anySatisfy(r -> {
                    assertThat(r.getKey()).isEqualTo(GPU_PRESENT);
                    assertThat(r.getOperator().equals("DoesNotExist") || (r.getOperator().equals("NotIn") && r.getValues().contains("true")))
                            .isTrue();
                });
                assertThat(pod.getTolerations()).as("%s tolerates no GPU taint", workload)
                        .noneMatch(t -> t.getKey() == null || t.getKey().startsWith("nvidia.com"));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValuesAndEveryCredentialFromASecret(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        assertThat(Manifests.ofKind(objects, Secret.class)).as("Secrets are created outside git").isEmpty();
        Predicate<String> credential = name -> name.matches(".*(PASSWORD|SECRET|API_KEY|TOKEN|ACCESS_KEY).*");
        for (Workload workload : Manifests.workloads(objects)) {
            for (Container container : containers(workload)) {
                for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (credential.test(var.getName())) {
                        assertThat(var.getValue()).as("%s %s has no literal value", workload, var.getName()).isNull();
                        assertThat(var.getValueFrom().getSecretKeyRef()).as("%s %s comes from a Secret", workload, var.getName()).isNotNull();
                    }
                }
            }
        }
        for (ConfigMap map : Manifests.ofKind(objects, ConfigMap.class)) {
            assertThat(Optional.ofNullable(map.getData()).orElse(Map.of()).keySet()).as("ConfigMap %s", map.getMetadata().getName())
                    .noneMatch(credential);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void referencedConfigMapsAndPriorityClassesExist(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        Set<String> configMaps = Manifests.ofKind(objects, ConfigMap.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> priorityClasses = Manifests.ofKind(objects, PriorityClass.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        for (Workload workload : Manifests.workloads(objects)) {
            PodSpec pod = workload.template().getSpec();
            assertThat(priorityClasses).as("%s priority class", workload).contains(pod.getPriorityClassName());
            Stream<String> fromEnv = containers(workload).stream()
                    .flatMap(c -> Optional.ofNullable(c.getEnvFrom()).orElse(List.of()).stream())
                    .filter(e -> e.getConfigMapRef() != null).map(e -> e.getConfigMapRef().getName());
            Stream<String> fromVolumes = pod.getVolumes().stream().flatMap(v -> Stream.concat(
                    Stream.ofNullable(v.getConfigMap()).map(c -> c.getName()),
                    Stream.ofNullable(v.getProjected()).flatMap(p -> p.getSources().stream())
                            .map(s -> s.getConfigMap()).filter(Objects::nonNull).map(c -> c.getName())));
            assertThat(Stream.concat(fromEnv, fromVolumes).toList()).as("%s ConfigMaps", workload).allSatisfy(name -> assertThat(configMaps).contains(name));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void brokerReadsTheDevstacksTopologyFile(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        ConfigMap broker = Manifests.ofKind(objects, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("starloom-broker-config-")).findFirst()
                .orElseThrow(() -> new AssertionError("no generated broker ConfigMap"));
        assertThat(broker.getData().get("broker.xml")).isEqualTo(Manifests.read(Manifests.deployDirectory().resolve("broker/broker.xml")));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void disruptionBudgetsAndAutoscalers(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        Set<String> budgeted = Manifests.ofKind(objects, PodDisruptionBudget.class).stream()
                .map(p -> p.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name")).collect(Collectors.toSet());
        assertThat(budgeted).contains("scheduler", "inference-worker");
        Map<String, HorizontalPodAutoscaler> hpas = Manifests.ofKind(objects, HorizontalPodAutoscaler.class).stream()
                .collect(Collectors.toMap(h -> h.getSpec().getScaleTargetRef().getName(), h -> h));
        assertThat(hpas).containsKeys("scheduler", "enrichment", "moderation", "postprocess").doesNotContainKey("inference-worker");
        assertThat(hpas.get("scheduler").getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void workersDrainWithinTheirGracePeriod(String overlay) {
        List<Workload> pools = Manifests.workloads(Manifests.rendered(overlay)).stream().filter(w -> w.component().equals("inference")).toList();
        assertThat(pools).extracting(Workload::name).contains("inference-worker");
        for (Workload worker : pools) {
            Container container = containers(worker).stream().filter(c -> c.getName().equals("inference-worker")).findFirst().orElseThrow();
            Duration drain = Duration.parse("PT" + env(container, "STARLOOM_WORKER_QUEUE_DRAIN_TIMEOUT")
                    .orElseThrow(() -> new AssertionError(worker + " has no drain timeout")).toUpperCase());
            long grace = worker.template().getSpec().getTerminationGracePeriodSeconds();
            assertThat(grace).as("%s: grace period leaves the worker time to settle after draining", worker).isGreaterThan(drain.toSeconds() + 10);
        }
    }

    static boolean isGpuPod(PodSpec pod) {
        boolean asksForGpu = pod.getContainers().stream().anyMatch(c -> quantities(c.getResources().getLimits()).containsKey(GPU_RESOURCE)
                || quantities(c.getResources().getRequests()).containsKey(GPU_RESOURCE));
        boolean tolerates = Optional.ofNullable(pod.getTolerations()).orElse(List.of()).stream()
                .anyMatch(t -> t.getKey() != null && t.getKey().startsWith("nvidia.com"));
        boolean affine = requiredNodeTerms(pod).stream()
                .anyMatch(r -> r.getKey().equals(GPU_PRESENT) && (r.getOperator().equals("In") || r.getOperator().equals("Exists")));
        return asksForGpu || tolerates || affine;
    }

    static List<NodeSelectorRequirement> requiredNodeTerms(PodSpec pod) {
        if (pod.getAffinity() == null || pod.getAffinity().getNodeAffinity() == null
                || pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return List.of();
        }
        var terms = pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        if (terms.size() != 1) {
            // Terms are ORed: a rule in one of several terms would not bind the pod.
            fail("expected one node selector term, got " + terms.size());
        }
        return terms.get(0).getMatchExpressions();
    }

    static Map<String, Quantity> quantities(Map<String, Quantity> map) {
        return map == null ? Map.of() : map;
    }

    static List<Container> containers(Workload workload) {
        PodSpec pod = workload.template().getSpec();
        return Stream.concat(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(), pod.getContainers().stream()).toList();
    }

    static Optional<String> env(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream().filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue).filter(Objects::nonNull).findFirst();
    }

    private static Optional<String> configValue(String overlay, String key) {
        return Optional.ofNullable(Manifests.named(Manifests.rendered(overlay), ConfigMap.class, "starloom-config").getData().get(key));
    }

    private static void assertHttpProbe(String where, Container container, Probe probe, String path) {
        assertThat(probe.getHttpGet()).as(where + " probes over HTTP").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(where).isEqualTo(path);
        String port = probe.getHttpGet().getPort().getStrVal();
        assertThat(container.getPorts()).as(where + " probe port " + port).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
    }
}
