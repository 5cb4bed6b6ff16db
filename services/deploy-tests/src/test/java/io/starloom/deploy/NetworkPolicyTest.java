package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.starloom.deploy.Manifests.Workload;

/**
 * Evaluates the rendered NetworkPolicies the way the API defines them (a pod selected by no policy of a
 * direction is open in that direction; rules of all policies selecting it add up) and checks who may reach
 * whom: only the public API from outside, the database only from the scheduler, the broker only from the
 * services.
 */
class NetworkPolicyTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @BeforeAll
    static void kubectlPresent() {
        Assumptions.assumeTrue(Manifests.kubectl().isPresent(), "kubectl is not on the PATH (see RenderedOverlaysTest)");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everythingIsDeniedUnlessAllowed(String overlay) {
        List<NetworkPolicy> policies = Manifests.ofKind(Manifests.rendered(overlay), NetworkPolicy.class);
        assertThat(policies).anySatisfy(p -> {
            assertThat(selects(p.getSpec().getPodSelector(), Map.of("any", "pod"))).isTrue();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyThePublicApiIsOpenToAnyone(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        List<NetworkPolicy> policies = Manifests.ofKind(objects, NetworkPolicy.class);
        for (Workload workload : Manifests.workloads(objects)) {
            Map<String, String> labels = workload.template().getMetadata().getLabels();
            List<NetworkPolicy> ingress = selecting(policies, labels, "Ingress");
            assertThat(ingress).as("%s is isolated for ingress", workload).isNotEmpty();
            Set<Integer> openPorts = ingress.stream().flatMap(p -> p.getSpec().getIngress().stream())
                    .filter(rule -> rule.getFrom() == null || rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(NetworkPolicyTest::anyone))
                    .flatMap(rule -> rule.getPorts().stream()).map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
            if (workload.name().equals("scheduler")) {
                assertThat(openPorts).as("the public API").containsExactly(8080);
            } else {
                assertThat(openPorts).as("%s is reachable from anyone on", workload).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void databaseOnlyFromTheSchedulerAndBrokerOnlyFromServices(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        assertThat(clientsOf(objects, "starloom-postgres", 5432)).containsExactly("scheduler");
        // Every pool of inference workers (one per model profile) reads its generation queue.
        List<String> pools = Manifests.workloads(objects).stream().filter(w -> w.component().equals("inference")).map(Manifests.Workload::name).toList();
        assertThat(pools).contains("inference-worker");
        assertThat(clientsOf(objects, "starloom-broker", 5672)).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("scheduler", "enrichment", "moderation", "postprocess"), pools.stream()).toList());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void brokerAndDatabaseMakeNoConnectionsBeyondDns(String overlay) {
        List<HasMetadata> objects = Manifests.rendered(overlay);
        List<NetworkPolicy> policies = Manifests.ofKind(objects, NetworkPolicy.class);
        for (Workload workload : Manifests.workloads(objects)) {
            if (!Set.of("starloom-broker", "starloom-postgres").contains(workload.name())) {
                continue;
            }
            Set<Integer> ports = selecting(policies, workload.template().getMetadata().getLabels(), "Egress").stream()
                    .flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream())
                    .flatMap(rule -> rule.getPorts().stream()).map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
            assertThat(ports).as("%s egress ports", workload).containsExactly(53);
        }
    }

    /** Workloads that a pod of {@code server} admits on {@code port}, and that may send there themselves. */
    private static Set<String> clientsOf(List<HasMetadata> objects, String server, int port) {
        List<NetworkPolicy> policies = Manifests.ofKind(objects, NetworkPolicy.class);
        Workload target = Manifests.workloads(objects).stream().filter(w -> w.name().equals(server)).findFirst().orElseThrow();
        Map<String, String> targetLabels = target.template().getMetadata().getLabels();
        return Manifests.workloads(objects).stream().filter(client -> {
            Map<String, String> labels = client.template().getMetadata().getLabels();
            boolean admitted = selecting(policies, targetLabels, "Ingress").stream().flatMap(p -> p.getSpec().getIngress().stream())
                    .anyMatch(rule -> covers(rule.getPorts(), port) && rule.getFrom() != null
                            && rule.getFrom().stream().anyMatch(peer -> samePodsPeer(peer, labels)));
            boolean sends = selecting(policies, labels, "Egress").stream()
                    .flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream())
                    .anyMatch(rule -> covers(rule.getPorts(), port) && rule.getTo() != null
                            && rule.getTo().stream().anyMatch(peer -> samePodsPeer(peer, targetLabels)));
            return admitted && sends;
        }).map(Workload::name).collect(Collectors.toSet());
    }

    private static List<NetworkPolicy> selecting(List<NetworkPolicy> policies, Map<String, String> labels, String type) {
        return policies.stream().filter(p -> p.getSpec().getPolicyTypes().contains(type)).filter(p -> selects(p.getSpec().getPodSelector(), labels)).toList();
    }

    private static boolean anyone(NetworkPolicyPeer peer) {
        boolean allNamespaces = peer.getNamespaceSelector() != null && isEmpty(peer.getNamespaceSelector()) && (peer.getPodSelector() == null || isEmpty(peer.getPodSelector()));
        boolean everyAddress = peer.getIpBlock() != null && peer.getIpBlock().getCidr().endsWith("/0");
        return allNamespaces || everyAddress;
    }

    /** A peer naming pods of the policy's own namespace (no namespace selector) that match the labels. */
    private static boolean samePodsPeer(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getNamespaceSelector() == null && peer.getIpBlock() == null && peer.getPodSelector() != null && selects(peer.getPodSelector(), labels);
    }

    private static boolean covers(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
    }

    private static boolean isEmpty(LabelSelector selector) {
        return Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).isEmpty() && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).isEmpty();
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        boolean labelsMatch = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
        boolean expressionsMatch = Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream().allMatch(e -> switch (e.getOperator()) {
            case "In" -> e.getValues().contains(actual.get(e.getKey()));
            case "NotIn" -> !e.getValues().contains(actual.get(e.getKey()));
            case "Exists" -> actual.containsKey(e.getKey());
            case "DoesNotExist" -> !actual.containsKey(e.getKey());
            default -> throw new AssertionError("unknown selector operator " + e.getOperator());
        });
        return labelsMatch && expressionsMatch;
    }
}
