package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.starloom.contracts.Queues;

/**
 * KEDA scales each pool of inference workers on its model profile's generation queue (overlays gpu and hosted),
 * down to zero; the local overlay runs one worker without KEDA. fabric8 has no model for KEDA's kinds, so their fields are
 * checked against the ones KEDA 2 defines.
 */
class ScalingTest {
    /** The pod label that names a worker pool's model profile (deploy/kubernetes/worker). */
    static final String PROFILE_LABEL = "starloom.io/profile";
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
    void eachWorkerPoolScalesOnItsProfilesQueueDownToZero(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        List<GenericKubernetesResource> scaledObjects = customs(objects, "ScaledObject");
        Map<String, String> profileOfPool = new HashMap<>();
        for (Deployment pool : Manifests.ofKind(objects, Deployment.class)) {
            Map<String, String> labels = pool.getSpec().getTemplate().getMetadata().getLabels();
            if ("inference".equals(labels.get("app.kubernetes.io/component"))) {
                assertThat(pool.getSpec().getSelector().getMatchLabels()).as("%s selects its own pool's pods", pool.getMetadata().getName())
                        .containsEntry(PROFILE_LABEL, labels.get(PROFILE_LABEL));
                profileOfPool.put(pool.getMetadata().getName(), labels.get(PROFILE_LABEL));
            }
        }
        assertThat(profileOfPool).as("inference pools").isNotEmpty().doesNotContainValue(null);
        // Every pool has exactly one ScaledObject, and it reads the queue of the profile the pool's workers serve.
        assertThat(scaledObjects).extracting(o -> (String) ((Map<String, Object>) spec(o).get("scaleTargetRef")).get("name"))
                .containsExactlyInAnyOrderElementsOf(profileOfPool.keySet());
        for (GenericKubernetesResource scaled : scaledObjects) {
            Map<String, Object> spec = spec(scaled);
            assertThat(SCALED_OBJECT_SPEC).containsAll(spec.keySet());
            String pool = (String) ((Map<String, Object>) spec.get("scaleTargetRef")).get("name");
            assertThat(spec.get("minReplicaCount")).as(pool).isEqualTo(0);
            assertThat((Integer) spec.get("maxReplicaCount")).isGreaterThan(0);
            List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
            assertThat(triggers).hasSize(1);
            Map<String, Object> trigger = triggers.get(0);
            assertThat(trigger.get("type")).isEqualTo("artemis-queue");
            Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
            assertThat(ARTEMIS_METADATA).containsAll(metadata.keySet());
            String queue = Queues.generation(profileOfPool.get(pool));
            assertThat(metadata.get("queueName")).as(pool).isEqualTo(queue);
            assertThat(metadata.get("brokerAddress")).as(pool).isEqualTo(queue);
            // The broker's <name> in deploy/broker/broker.xml, and its Service in the overlay's namespace.
            assertThat(Manifests.read(Manifests.deployDirectory().resolve("broker/broker.xml"))).contains("<name>" + metadata.get("brokerName") + "</name>");
            assertThat((String) metadata.get("managementEndpoint")).startsWith("starloom-broker." + scaled.getMetadata().getNamespace() + ".svc");
            String auth = (String) ((Map<String, Object>) trigger.get("authenticationRef")).get("name");
            assertThat(customs(objects, "TriggerAuthentication")).extracting(o -> o.getMetadata().getName()).contains(auth);
        }
    }

    @Test
    void theGpuOverlayRunsTwoProfilesEachWithItsOwnQueue() {
        Set<String> queues = customs(Manifests.rendered("gpu"), "ScaledObject").stream().map(ScalingTest::queueName).collect(Collectors.toSet());
        assertThat(queues).containsExactlyInAnyOrder(Queues.generation("wan2.2-t2v-a14b-720p"), Queues.generation("wan2.2-ti2v-5b-720p"));
    }

    @SuppressWarnings("unchecked")
    private static String queueName(GenericKubernetesResource scaled) {
        Map<String, Object> trigger = ((List<Map<String, Object>>) spec(scaled).get("triggers")).get(0);
        return (String) ((Map<String, Object>) trigger.get("metadata")).get("queueName");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    @Test
    void localRunsAFixedWorkerWithoutKeda() {
        assertThat(Manifests.rendered("local")).noneMatch(o -> o instanceof GenericKubernetesResource);
    }

    private static List<GenericKubernetesResource> customs(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(o -> o.getKind().equals(kind)).toList();
    }
}
