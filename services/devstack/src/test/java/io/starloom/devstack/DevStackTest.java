package io.starloom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.contracts.Queues;

class DevStackTest {
    @TempDir
    static Path state;
    static DevStack stack;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackOptions.builder().stateDir(state).build());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void databaseAnswersOnTheAdvertisedUrl() throws Exception {
        Map<String, String> env = stack.env();
        try (Connection connection = DriverManager.getConnection(env.get("STARLOOM_DB_JDBC_URL"), env.get("STARLOOM_DB_USERNAME"),
                env.get("STARLOOM_DB_PASSWORD")); ResultSet rs = connection.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("starloom");
        }
        assertThat(stack.quarkusConfig()).containsEntry("quarkus.datasource.reactive.url", env.get("STARLOOM_DB_REACTIVE_URL"));
    }

    @Test
    void mintedTokenVerifiesAgainstTheServedJwks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String issuer = stack.env().get("STARLOOM_OIDC_URL");
        String discovery = get(http, issuer + "/.well-known/openid-configuration");
        assertThat(field(discovery, "issuer")).isEqualTo(issuer);
        String jwks = get(http, field(discovery, "jwks_uri"));

        String token = stack.mintToken("ada", "museum", Set.of("story-writer"));
        String[] parts = token.split("\\.");
        String header = decode(parts[0]);
        String claims = decode(parts[1]);
        assertThat(field(header, "kid")).isEqualTo(field(jwks, "kid"));
        assertThat(claims).contains("\"tenant\":\"museum\"").contains("\"groups\":[\"story-writer\"]").contains("\"aud\":\"starloom\"");

        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(field(jwks, "n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(field(jwks, "e")))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1] + "x").getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("a changed token fails").isFalse();
        assertThat(Files.getPosixFilePermissions(Path.of(stack.env().get("STARLOOM_OIDC_SIGNING_KEY"))).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void durableMessagesSurviveABrokerRestart() {
        long before = stack.brokerQueueCount(Queues.EXPIRY);
        stack.brokerSend(Queues.EXPIRY, "hello".getBytes(StandardCharsets.UTF_8), Map.of("cloudEvents:subject", "story-1"));
        assertThat(stack.brokerQueueCount(Queues.EXPIRY)).isEqualTo(before + 1);
        stack.restartBroker();
        assertThat(stack.brokerQueueCount(Queues.EXPIRY)).isEqualTo(before + 1);
        for (String queue : Queues.WORK_QUEUES) {
            assertThat(stack.brokerQueueCount(queue)).as(queue + " is declared and empty").isZero();
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
