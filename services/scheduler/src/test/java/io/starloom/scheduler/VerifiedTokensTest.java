package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;

/**
 * A verified bearer token is trusted again for its next requests (identity/VerifiedTokens), and only that very
 * token, only while it is valid. Requests go to a story id that is not a UUID: 404 once authenticated, 401 before.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class VerifiedTokensTest {
    private static final String TARGET = "/v1/stories/not-a-story";

    @Inject
    MeterRegistry registry;

    @Test
    void aTokenIsVerifiedOnceAndTrustedForItsNextRequests() {
        String token = Stories.token("reuse-a", Roles.STORY_READER);
        double before = reused();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
        }
        assertThat(reused() - before).isEqualTo(4);
        // Another tenant's token is its own entry: verified, not served the first one's identity.
        String other = Stories.token("reuse-b", Roles.STORY_READER);
        given().auth().oauth2(other).when().get(TARGET).then().statusCode(404);
        assertThat(reused() - before).isEqualTo(4);
    }

    @Test
    void aTokenIsNotTrustedPastItsExpiry() throws Exception {
        // The first request of a run fetches the issuer's keys and loads classes: not on this token's short clock.
        given().auth().oauth2(Stories.token("reuse-warm", Roles.STORY_READER)).when().get(TARGET).then().statusCode(404);
        long expires = Instant.now().plusSeconds(4).getEpochSecond();
        String token = Stories.resigned(Stories.token("reuse-exp", Roles.STORY_READER), claims -> claims.put("exp", expires));
        given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
        given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
        Awaitility.await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20))
                .until(() -> given().auth().oauth2(token).when().get(TARGET).statusCode() == 401);
        assertThat(Instant.now()).as("refused once expired, not a reuse period later").isBefore(Instant.ofEpochSecond(expires).plusSeconds(10));
    }

    @Test
    void aTamperedCopyOfATrustedTokenIsRefused() {
        String token = Stories.token("reuse-tamper", Roles.STORY_READER);
        given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("reuse-tamper", "reuse-victim").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(parts[0] + "." + otherPayload + "." + parts[2]).when().get(TARGET).then().statusCode(401);
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        given().auth().oauth2(badSignature).when().get(TARGET).then().statusCode(401);
        given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
    }

    @Test
    void aTokenBoundToAKeyIsVerifiedOnEveryRequest() throws Exception {
        String token = Stories.resigned(Stories.token("reuse-cnf", Roles.STORY_READER),
                claims -> claims.putObject("cnf").put("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));
        double before = reused();
        given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
        given().auth().oauth2(token).when().get(TARGET).then().statusCode(404);
        assertThat(reused() - before).isZero();
    }

    private double reused() {
        return registry.counter("starloom.identity.tokens.reused").count();
    }
}
