package io.starloom.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.starloom.cli.CliException;
import io.starloom.cli.TestKeys;

class IssuerKeysTest {
    @TempDir
    Path dir;

    private HttpServer issuer;
    private String jwks;
    private SigningKey key;

    @BeforeEach
    void startIssuer() throws Exception {
        key = SigningKey.read(TestKeys.writePem(TestKeys.generate(), dir));
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = url();
        issuer.createContext("/.well-known/openid-configuration",
                exchange -> respond(exchange, "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/keys\"}"));
        issuer.createContext("/keys", exchange -> respond(exchange, jwks));
        issuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    @Test
    void keyIdComesFromTheEntryOfThisKeyInTheIssuersJwks() throws Exception {
        jwks = "{\"keys\":[" + jwk("other", otherKey()) + ","
                + jwk("the-issuers-name", key) + "]}";

        assertThat(IssuerKeys.keyId(url(), key)).isEqualTo("the-issuers-name");
    }

    @Test
    void keyTheIssuerDoesNotPublishIsRefusedBeforeAnyCall() throws Exception {
        jwks = "{\"keys\":[" + jwk("other", otherKey()) + "]}";

        assertThatThrownBy(() -> IssuerKeys.keyId(url(), key)).isInstanceOf(CliException.class)
                .hasMessageContaining("does not publish the dev signing key");
    }

    @Test
    void unreachableIssuerFallsBackToTheThumbprintTheDevstackUses() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(IssuerKeys.keyId("http://127.0.0.1:" + closedPort, key)).isEqualTo(key.thumbprint());
    }

    private SigningKey otherKey() throws Exception {
        return SigningKey.read(TestKeys.writePem(TestKeys.generate(), Files.createDirectories(dir.resolve("other"))));
    }

    private String url() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort();
    }

    private static String jwk(String kid, SigningKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\"" + key.modulus() + "\",\"e\":\""
                + key.exponent() + "\"}";
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
