package io.starloom.scheduler.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.StoryService;

/**
 * Every kind of bad token, over REST and gRPC: refused as docs/security.md says (401 / UNAUTHENTICATED for a
 * token that is not a valid token of a trusted issuer, 403 / PERMISSION_DENIED naming the reason for a valid
 * token whose tenant claim is unusable), never a 5xx, and never with an introspection attempt.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class TokenSetTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String[] WRITER = { Roles.STORY_WRITER, Roles.STORY_READER };

    @GrpcClient("stories")
    StoryService stories;

    /** Tokens that must be refused as unauthenticated, by name. */
    static Map<String, Supplier<String>> unauthenticated() {
        Map<String, Supplier<String>> tokens = new LinkedHashMap<>();
        tokens.put("malformed (not a JWT)", () -> "not-a-jwt");
        tokens.put("malformed (three garbage parts)", () -> "e30.e30.e30");
        tokens.put("malformed (header is not JSON)", () -> "bm90IGpzb24." + Tokens.valid("tokens", WRITER).split("\\.", 2)[1]);
        tokens.put("expired", () -> Tokens.issuerSigned("tokens", c -> c.put("iat", Tokens.now() - 7200).put("exp", Tokens.now() - 3600), WRITER));
        tokens.put("not yet valid (nbf in an hour)", () -> Tokens.issuerSigned("tokens", c -> c.put("nbf", Tokens.now() + 3600), WRITER));
        tokens.put("wrong issuer", () -> Tokens.strangerSigned("tokens", h -> { }, c -> c.put("iss", "https://idp.attacker.example/realms/x"), WRITER));
        tokens.put("wrong issuer, signed by the real key",
                () -> Tokens.issuerSigned("tokens", c -> c.put("iss", "https://idp.attacker.example/realms/x"), WRITER));
        tokens.put("wrong audience", () -> Tokens.issuerSigned("tokens", c -> c.put("aud", "someone-else"), WRITER));
        tokens.put("no audience", () -> Tokens.issuerSigned("tokens", c -> c.remove("aud"), WRITER));
        tokens.put("forged signature (the issuer's key id, another key)", () -> Tokens.strangerSigned("tokens", h -> { }, c -> { }, WRITER));
        tokens.put("tampered claims (tenant changed after signing)", () -> {
            String[] parts = Tokens.valid("tokens", WRITER).split("\\.");
            String other = Tokens.issuerSigned("someone-else", c -> { }, WRITER).split("\\.")[1];
            return parts[0] + "." + other + "." + parts[2];
        });
        tokens.put("alg none", () -> Tokens.unsigned("tokens", WRITER));
        tokens.put("alg HS256 (the public key as an HMAC secret)",
                () -> Tokens.strangerSigned("tokens", h -> h.put("alg", "HS256"), c -> { }, WRITER));
        tokens.put("unknown key id", () -> Tokens.strangerSigned("tokens", h -> h.put("kid", "rotated-away-or-never-existed"), c -> { }, WRITER));
        tokens.put("no key id, signed by another key", () -> Tokens.strangerSigned("tokens", h -> h.remove("kid"), c -> { }, WRITER));
        return tokens;
    }

    /** Valid tokens of the trusted issuer whose tenant claim cannot be used, and the reason the API gives. */
    static Map<String, Object[]> unusableTenants() {
        Map<String, Object[]> tokens = new LinkedHashMap<>();
        tokens.put("multivalued tenant", new Object[] {
                Tokens.issuerSigned("x", c -> c.putArray("tenant").add("tokens"), WRITER), "must be one string naming one tenant, not a list" });
        tokens.put("two tenants", new Object[] {
                Tokens.issuerSigned("x", c -> c.putArray("tenant").add("tokens").add("other"), WRITER), "not a list" });
        tokens.put("tenant is a number", new Object[] { Tokens.issuerSigned("x", c -> c.put("tenant", 42), WRITER), "not a number" });
        tokens.put("tenant is an object", new Object[] {
                Tokens.issuerSigned("x", c -> c.putObject("tenant").put("id", "tokens"), WRITER), "not a JSON object" });
        tokens.put("tenant is empty", new Object[] { Tokens.issuerSigned("x", c -> c.put("tenant", ""), WRITER), "is empty" });
        tokens.put("tenant is blank", new Object[] { Tokens.issuerSigned("x", c -> c.put("tenant", "  "), WRITER), "is empty" });
        tokens.put("no tenant", new Object[] { Tokens.issuerSigned("x", c -> c.remove("tenant"), WRITER), "names no tenant" });
        tokens.put("tenant too long", new Object[] { Tokens.issuerSigned("x", c -> c.put("tenant", "t".repeat(129)), WRITER), "longer than 128" });
        return tokens;
    }

    @Test
    void badTokensAreUnauthenticatedOverRest() {
        given().when().get("/v1/stories").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/v1/stories").then().statusCode(401);
        unauthenticated().forEach((name, token) -> {
            Response response = given().auth().oauth2(token.get()).when().get("/v1/stories");
            assertThat(response.statusCode()).as(name).isEqualTo(401);
        });
    }

    @Test
    void badTokensAreUnauthenticatedOverGrpc() {
        assertThat(grpcCode(null)).as("no token").isEqualTo(Status.Code.UNAUTHENTICATED);
        unauthenticated().forEach((name, token) -> assertThat(grpcCode(token.get())).as(name).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void unusableTenantClaimsAreForbiddenWithTheReason() {
        unusableTenants().forEach((name, token) -> {
            given().auth().oauth2((String) token[0]).when().get("/v1/stories")
                    .then().statusCode(403).contentType(containsString("application/problem+json"))
                    .body("detail", containsString((String) token[1]));
            StatusRuntimeException failure = grpcFailure((String) token[0]);
            assertThat(failure.getStatus().getCode()).as(name).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(failure.getStatus().getDescription()).as(name).contains((String) token[1]);
        });
    }

    @Test
    void theSameClaimsProperlyFormedAreAccepted() {
        // The control: without the defect each token above would have been let in.
        String token = Tokens.issuerSigned("tokens", c -> { }, WRITER);
        given().auth().oauth2(token).when().get("/v1/stories").then().statusCode(200);
        assertThat(withToken(token).listStories(ListStoriesRequest.getDefaultInstance()).await().atMost(WAIT).getStoriesList()).isNotNull();
    }

    private Status.Code grpcCode(String token) {
        return grpcFailure(token).getStatus().getCode();
    }

    private StatusRuntimeException grpcFailure(String token) {
        try {
            withToken(token).listStories(ListStoriesRequest.getDefaultInstance()).await().atMost(WAIT);
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was let through");
    }

    private StoryService withToken(String token) {
        if (token == null) {
            return stories;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(stories, headers);
    }
}
