package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.support.testing.WebhookReceiver;
import io.starloom.mesh.support.testing.WebhookReceiver.Received;
import io.starloom.proto.v1.Film;

/**
 * Webhooks delivered to a real HTTP receiver on 127.0.0.1 (allowed by the test profile's operator CIDR):
 * signatures checked with an HMAC computed here, a 500 retried until it succeeds, rotation signing with
 * both secrets during the grace period, and the delivery log the tenant reads.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = WebhookReceiver.start(200);
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aStoryWebhookIsSignedRetriedAfterA500AndLogged() {
        String writer = token("wh-deliver", Roles.STORY_WRITER);
        String secret = given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of())
                .when().post("/v1/webhooks:rotateStorySecret").then().statusCode(200).extract().path("secret");
        receiver.answerNext(500);
        String id = given().auth().oauth2(writer).contentType(ContentType.JSON)
                .body(Map.of("text", "织女与牛郎隔着银河相望。", "webhookUrl", receiver.url("/story/wh-deliver"))).when().post("/v1/stories")
                .then().statusCode(202).extract().path("id");

        List<Received> enriching = awaitEvents("/story/wh-deliver", "story.enriching", 2);
        assertThat(enriching.get(0).answered()).isEqualTo(500);
        assertThat(enriching.get(1).answered()).isEqualTo(200);
        // A retry is the same message: same id, same body, a fresh timestamp and signature.
        assertThat(enriching.get(1).id()).isEqualTo(enriching.get(0).id()).startsWith("msg_");
        assertThat(enriching.get(1).body()).isEqualTo(enriching.get(0).body());
        for (Received delivery : enriching) {
            assertThat(WebhookReceiver.verifiedWith(delivery, List.of(secret))).containsExactly(secret);
            assertThat(Math.abs(Long.parseLong(delivery.timestamp()) - Instant.now().getEpochSecond())).isLessThan(60);
        }
        JsonNode event = enriching.get(0).json();
        assertThat(event.path("type").asText()).isEqualTo("story.enriching");
        assertThat(event.path("data").path("storyId").asText()).isEqualTo(id);
        assertThat(event.path("data").path("state").asText()).isEqualTo("ENRICHING");

        Stories.complete(writer, id, Film.newBuilder().setVideoUri("file:///m/film.mp4").build());
        JsonNode completed = awaitEvents("/story/wh-deliver", "story.completed", 1).get(0).json();
        assertThat(completed.path("data").path("film").path("video").asText()).isEqualTo("/v1/stories/" + id + "/film");
        assertThat(completed.path("data").path("film").path("download").asText()).startsWith("/v1/film-links/");

        Awaitility.await().atMost(WAIT).until(() -> deliveries(writer, "/v1/stories/" + id + "/webhook-deliveries")
                .getList("deliveries.findAll { it.eventType == 'story.enriching' }.state").equals(List.of("DELIVERED")));
        JsonPath log = deliveries(writer, "/v1/stories/" + id + "/webhook-deliveries");
        assertThat(log.getList("deliveries.findAll { it.eventType == 'story.enriching' }[0].attempts.statusCode", Integer.class))
                .containsExactly(500, 200);
        assertThat(log.getList("deliveries.eventType", String.class)).contains("story.screening", "story.queued", "story.completed");
        given().auth().oauth2(token("wh-deliver-other", Roles.STORY_READER)).when().get("/v1/stories/" + id + "/webhook-deliveries")
                .then().statusCode(404);
    }

    @Test
    void duringRotationBothSecretsSignThenOnlyTheNewOne() {
        String writer = token("wh-rotate", Roles.STORY_WRITER);
        JsonPath created = given().auth().oauth2(writer).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/endpoint/wh-rotate"), "eventTypes", List.of("story.canceled")))
                .when().post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
        String endpoint = created.getString("webhook.id");
        String first = created.getString("secret.secret");
        String second = given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("gracePeriodSeconds", 3600))
                .when().post("/v1/webhooks/" + endpoint + ":rotateSecret").then().statusCode(200).extract().path("secret");

        String story = Stories.submit(writer, "Orion hunts on the winter plain.");
        given().auth().oauth2(writer).when().post("/v1/stories/" + story + ":cancel").then().statusCode(200);
        Received canceled = awaitEvents("/endpoint/wh-rotate", "story.canceled", 1).get(0);
        assertThat(canceled.signature().split(" ")).hasSize(2);
        assertThat(WebhookReceiver.verifiedWith(canceled, List.of(first, second))).containsExactlyInAnyOrder(first, second);
        assertThat(canceled.json().path("data").path("failure").path("reason").asText()).isNotEmpty();
        // The endpoint subscribed to cancellations only.
        assertThat(receiver.received().stream().filter(r -> r.path().equals("/endpoint/wh-rotate")).map(r -> r.json().path("type").asText()))
                .containsOnly("story.canceled");

        String third = given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("gracePeriodSeconds", 0))
                .when().post("/v1/webhooks/" + endpoint + ":rotateSecret").then().statusCode(200).extract().path("secret");
        String next = Stories.submit(writer, "Cassiopeia sits on her throne.");
        given().auth().oauth2(writer).when().post("/v1/stories/" + next + ":cancel").then().statusCode(200);
        Received afterGrace = Awaitility.await().atMost(WAIT).until(() -> receiver.received().stream()
                .filter(r -> r.path().equals("/endpoint/wh-rotate") && r.json().path("data").path("storyId").asText().equals(next)).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(WebhookReceiver.verifiedWith(afterGrace, List.of(first, second, third))).containsExactly(third);

        JsonPath log = deliveries(writer, "/v1/webhooks/" + endpoint + "/deliveries");
        assertThat(log.getList("deliveries.storyId", String.class)).containsExactly(next, story);
        assertThat(log.getList("deliveries.webhookId", String.class)).containsOnly(endpoint);
    }

    private static JsonPath deliveries(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static List<Received> awaitEvents(String path, String type, int count) {
        return Awaitility.await(count + " × " + type + " at " + path).atMost(WAIT).until(() -> receiver.received().stream()
                .filter(r -> r.path().equals(path) && r.json().path("type").asText().equals(type)).toList(), found -> found.size() >= count);
    }
}
