package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.starloom.contracts.Queues;

/**
 * KEDA scales the inference workers on the generation queue (overlays gpu and hosted), down to zero; the
 * local overlay runs one worker without KEDA. fabric8 has no model for KEDA's kinds, so their fields are
 * checked against the ones KEDA 2 defines.
 */
class ScalingTest {
    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "minReplicaCount", "maxReplicaCount", "pollingInterval",
            "cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount", "advanced", "fallback", "triggers");
    private static final Set<String> ARTEMIS_METADATA = Set.of("managementEndpoint", "queueName", "brokerName", "brokerAddress",
            "queueLength", "activationQueueLength", "restApiTemplate", "corsHeader", "unsafeSsl");

    @BeforeAll
    static void kubectlPresent() {
        Assumptions.assumeTrue(Manifests.kubectl().isPresent(), "kubectl is not on the PATH (see RenderedOverlaysTest)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "hosted"})
    @SuppressWarnings("unchecked")
    void workersScaleOnTheGenerationQueueDownToZero(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        GenericKubernetesResource scaled = custom(objects, "ScaledObject", "inference-worker");
        Map<String, Object> spec = (Map<String, Object>) scaled.getAdditionalProperties().get("spec");
        assertThat(SCALED_OBJECT_SPEC).containsAll(spec.keySet());
        assertThat(((Map<String, Object>) spec.get("scaleTargetRef")).get("name")).isEqualTo("inference-worker");
        assertThat(spec.get("minReplicaCount")).isEqualTo(0);
        assertThat((Integer) spec.get("maxReplicaCount")).isGreaterThan(0);
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
        assertThat(triggers).hasSize(1);
        Map<String, Object> trigger = triggers.get(0);
        assertThat(trigger.get("type")).isEqualTo("artemis-queue");
        Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
        assertThat(ARTEMIS_METADATA).containsAll(metadata.keySet());
        assertThat(metadata.get("queueName")).isEqualTo(Queues.GENERATION_REQUESTS);
        assertThat(metadata.get("brokerAddress")).isEqualTo(Queues.GENERATION_REQUESTS);
        // The broker's <name> in deploy/broker/broker.xml, and its Service in the overlay's namespace.
        assertThat(Manifests.read(Manifests.deployDirectory().resolve("broker/broker.xml"))).contains("<name>" + metadata.get("brokerName") + "</name>");
        assertThat((String) metadata.get("managementEndpoint")).startsWith("starloom-broker." + scaled.getMetadata().getNamespace() + ".svc");
        String auth = (String) ((Map<String, Object>) trigger.get("authenticationRef")).get("name");
        custom(objects, "TriggerAuthentication", auth);
    }

    @Test
    void localRunsAFixedWorkerWithoutKeda() {
        assertThat(Manifests.rendered("local")).noneMatch(o -> o instanceof GenericKubernetesResource);
    }

    private static GenericKubernetesResource custom(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
