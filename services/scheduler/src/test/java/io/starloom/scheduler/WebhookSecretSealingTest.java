package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.scheduler.webhooks.application.SecretResealing;
import io.starloom.scheduler.webhooks.domain.SecretSeal;
import io.starloom.scheduler.webhooks.domain.WebhookSignature;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Webhook signing secrets at rest: what PostgreSQL holds is sealed (not the secret), rows from before V81 and
 * rows of a previous key are re-sealed with the current key, a key that is not configured stops the start with
 * a message naming it, and a secret that cannot be opened fails the delivery attempt with a clear entry in the
 * tenant's log instead of an error answer. Signatures made with sealed secrets are verified in WebhookDeliveryTest.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class WebhookSecretSealingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    SecretSeal seal;

    @Test
    void theDatabaseHoldsTheSecretSealedWithTheCurrentKey() {
        String writer = token("wh-sealed", Roles.STORY_WRITER);
        JsonPath created = given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hook"))
                .when().post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
        String secret = created.getString("secret.secret");
        Row row = one("SELECT id, tenant, secret, key_id FROM webhook_secret WHERE endpoint_id = $1",
                Tuple.of(UUID.fromString(created.getString("webhook.id"))));
        assertThat(row.getString("secret")).isNotEqualTo(secret).doesNotContain(secret.substring("whsec_".length()));
        assertThat(row.getString("key_id")).isEqualTo(seal.currentKeyId());
        assertThat(seal.open(row.getUUID("id"), "wh-sealed", new SecretSeal.Sealed(row.getString("key_id"), row.getString("secret"))))
                .isEqualTo(secret);
    }

    @Test
    void plainRowsAndRowsOfAPreviousKeyAreResealedAndAnUnknownKeyStopsTheStart() {
        String previous = SecretSeal.newKey();
        SecretSeal old = new SecretSeal(previous, List.of());
        String plain = WebhookSignature.newSecret();
        String rotated = WebhookSignature.newSecret();
        UUID plainRow = insert("wh-reseal", plain, null);
        UUID oldRow = UUID.randomUUID();
        SecretSeal.Sealed oldSealed = old.seal(oldRow, "wh-reseal", rotated);
        insert(oldRow, "wh-reseal", oldSealed.text(), oldSealed.keyId());
        try {
            // Not strict: rows other test classes' applications sealed with their own key for the run are left alone.
            assertThat(new SecretResealing(seal.withPreviousKeys(List.of(previous)), pool).reseal(false)).isGreaterThanOrEqualTo(2);
            for (Map.Entry<UUID, String> expected : Map.of(plainRow, plain, oldRow, rotated).entrySet()) {
                Row row = one("SELECT secret, key_id FROM webhook_secret WHERE id = $1", Tuple.of(expected.getKey()));
                assertThat(row.getString("key_id")).isEqualTo(seal.currentKeyId());
                assertThat(seal.open(expected.getKey(), "wh-reseal", new SecretSeal.Sealed(row.getString("key_id"), row.getString("secret"))))
                        .isEqualTo(expected.getValue());
            }
            // A row of a key this replica was not given: the start is refused, naming the key id and the settings.
            SecretSeal stranger = new SecretSeal(SecretSeal.newKey(), List.of());
            UUID strangerRow = UUID.randomUUID();
            insert(strangerRow, "wh-reseal", stranger.seal(strangerRow, "wh-reseal", plain).text(), stranger.currentKeyId());
            assertThatThrownBy(() -> new SecretResealing(seal, pool).reseal(true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(stranger.currentKeyId()).hasMessageContaining("starloom.webhooks.previous-secret-keys")
                    .hasMessageNotContaining(plain);
        } finally {
            pool.preparedQuery("DELETE FROM webhook_secret WHERE tenant = 'wh-reseal'").execute().await().atMost(WAIT);
        }
    }

    @Test
    void aSecretThatDoesNotOpenFailsTheAttemptNotTheApi() {
        String writer = token("wh-unopenable", Roles.STORY_WRITER);
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of()).when().post("/v1/webhooks:rotateStorySecret")
                .then().statusCode(200);
        // As if the key had been replaced in place: same id, other bytes, so GCM's tag does not verify.
        SecretSeal.Sealed foreign = new SecretSeal(SecretSeal.newKey(), List.of()).seal(UUID.randomUUID(), "wh-unopenable", "whsec_x");
        pool.preparedQuery("UPDATE webhook_secret SET secret = $1 WHERE tenant = 'wh-unopenable'").execute(Tuple.of(foreign.text()))
                .await().atMost(WAIT);
        String id = given().auth().oauth2(writer).contentType(ContentType.JSON)
                .body(Map.of("text", "Cassiopeia sits on her throne.", "webhookUrl", "http://127.0.0.1:9/story")).when().post("/v1/stories")
                .then().statusCode(202).extract().path("id");

        Awaitility.await("a failed attempt in the log").atMost(WAIT).until(() -> !attempts(writer, id).isEmpty());
        List<Map<String, Object>> attempts = attempts(writer, id);
        assertThat(attempts.get(0).get("error").toString()).contains("signing secret cannot be opened").doesNotContain("whsec_");
        assertThat(attempts.get(0).get("statusCode")).isEqualTo(0);
        given().auth().oauth2(writer).when().get("/v1/stories/" + id).then().statusCode(200);
        // Not to trouble later applications of this test run, which would find the damaged row at their start.
        pool.preparedQuery("DELETE FROM webhook_secret WHERE tenant = 'wh-unopenable'").execute().await().atMost(WAIT);
    }

    private static List<Map<String, Object>> attempts(String token, String story) {
        return given().auth().oauth2(token).when().get("/v1/stories/" + story + "/webhook-deliveries").then().statusCode(200).extract()
                .jsonPath().getList("deliveries.attempts.flatten()");
    }

    private UUID insert(String tenant, String secret, String keyId) {
        UUID id = UUID.randomUUID();
        insert(id, tenant, secret, keyId);
        return id;
    }

    private void insert(UUID id, String tenant, String secret, String keyId) {
        pool.preparedQuery("INSERT INTO webhook_secret (id, tenant, endpoint_id, secret, key_id, created_at) VALUES ($1, $2, NULL, $3, $4, $5)")
                .execute(Tuple.of(id, tenant, secret, keyId, OffsetDateTime.now(ZoneOffset.UTC))).await().atMost(WAIT);
    }

    private Row one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(WAIT).iterator().next();
    }
}
