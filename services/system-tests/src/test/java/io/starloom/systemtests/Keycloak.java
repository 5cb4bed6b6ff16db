package io.starloom.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak (the keycloak-quarkus-dist from Maven, {@code start-dev} on an in-memory database) with the
 * partner realm of {@code deploy/keycloak/starloom-partner-realm.json}; the passwords and the client secret
 * the realm file leaves as placeholders are generated per run. Also drives its admin REST API for key rotation.
 */
final class Keycloak implements AutoCloseable {
    static final String REALM = "starloom-partner";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final String url;
    private final String adminPassword = secret();
    private final String userPassword = secret();
    private final String clientSecret = secret();
    private final long startupMillis;

    Keycloak(Path home, Path realmFile, Path log) {
        int port = freePort();
        url = "http://127.0.0.1:" + port;
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
                    "--http-port=" + port, "--import-realm", "--db=dev-mem")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("STARLOOM_PARTNER_USER_PASSWORD", userPassword);
            builder.environment().put("STARLOOM_PARTNER_CLIENT_SECRET", clientSecret);
            builder.environment().put("JAVA_OPTS_APPEND", "-Xmx512m");
            long begin = System.nanoTime();
            process = builder.start();
            awaitRealm(log);
            startupMillis = (System.nanoTime() - begin) / 1_000_000;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    String issuer() {
        return url + "/realms/" + REALM;
    }

    /** The password every realm user has in this run, for a test that signs in through the login page. */
    String userPassword() {
        return userPassword;
    }

    long startupMillis() {
        return startupMillis;
    }

    /** An access token for a realm user through one of the realm's public clients (password grant). */
    String userToken(String client, String user) {
        return token(REALM, Map.of("grant_type", "password", "client_id", client, "username", user, "password", userPassword));
    }

    /** An access token of a confidential client's own (client-credentials grant). */
    String clientToken(String client) {
        return token(REALM, Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", clientSecret));
    }

    /** Adds an RS256 key provider above every other (so Keycloak signs with it from now on); returns its component id. */
    String addSigningKey(String name, int priority) {
        String realmId = admin("GET", "", null).get("id").asText();
        String body = "{\"name\":\"" + name + "\",\"providerId\":\"rsa-generated\",\"providerType\":\"org.keycloak.keys.KeyProvider\","
                + "\"parentId\":\"" + realmId + "\",\"config\":{\"priority\":[\"" + priority + "\"],\"enabled\":[\"true\"],"
                + "\"active\":[\"true\"],\"algorithm\":[\"RS256\"],\"keySize\":[\"2048\"]}}";
        HttpResponse<String> created = adminCall("POST", "/components", body);
        String location = created.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location: " + created.body()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Deletes a key provider: its key leaves the realm's JWKS at once. */
    void deleteKeyProvider(String componentId) {
        adminCall("DELETE", "/components/" + componentId, null);
    }

    /** Component id of each RS256 signing key provider, by key id. */
    Map<String, String> rs256Providers() {
        JsonNode keys = admin("GET", "/keys", null).get("keys");
        return StreamSupport.stream(keys.spliterator(), false)
                .filter(key -> "RS256".equals(key.path("algorithm").asText()) && "SIG".equals(key.path("use").asText()))
                .collect(Collectors.toMap(key -> key.get("kid").asText(), key -> key.get("providerId").asText()));
    }

    private JsonNode admin(String method, String path, String body) {
        try {
            return JSON.readTree(adminCall(method, path, body).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> adminCall(String method, String path, String body) {
        String adminToken = token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", adminPassword));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + form.get("client_id") + ": " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRealm(Path log) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Mesh.sleep(250);
        }
        close();
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + "; see " + log);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server JVM and the script that started it. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(child -> child.onExit().join());
    }
}
