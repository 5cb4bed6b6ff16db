package io.starloom.devstack;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One broker user per service, with the role deploy/broker/broker.xml grants that service's rights to and
 * "mesh" (addresses without an entry of their own); passwords generated per start, never written to git.
 * The devstack's own user (tests injecting raw messages, queue probes) has the role "operator".
 */
final class BrokerAccounts {
    static final String MESH_ROLE = "mesh";
    static final String OPERATOR_ROLE = "operator";
    /** The broker role of each service (the inference workers serve the generation queue). */
    static final Map<String, String> SERVICE_ROLES = ordered(
            "scheduler", "scheduler",
            "enrichment", "enrichment",
            "moderation", "moderation",
            "inference-worker", "generation",
            "postprocess", "postprocess");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new LinkedHashMap<>();

    /** Fresh passwords for every service's user (the user name is the service's name). */
    static BrokerAccounts generate() {
        BrokerAccounts accounts = new BrokerAccounts();
        SERVICE_ROLES.keySet().forEach(service -> accounts.passwords.put(service, secret()));
        return accounts;
    }

    Map<String, String> passwords() {
        return Map.copyOf(passwords);
    }

    static Set<String> roles(String service) {
        String role = SERVICE_ROLES.get(service);
        if (role == null) {
            throw new IllegalArgumentException("no broker account for " + service + "; services: " + SERVICE_ROLES.keySet());
        }
        return Set.of(role, MESH_ROLE);
    }

    /** The suffix of a service's variables: AMQP_USERNAME_INFERENCE_WORKER for inference-worker. */
    static String envSuffix(String service) {
        return service.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    static String secret() {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
