package io.starloom.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.mesh.support.testing.WebhookReceiver;
import io.starloom.mesh.support.testing.WebhookReceiver.Received;

/**
 * Webhooks across the real mesh: a story's own URL and a tenant endpoint receive signed events from the
 * scheduler process, verified here with an HMAC of our own; a 500 is retried until it succeeds; during a
 * rotation both secrets sign; the film link in story.completed downloads without a token; SSRF targets are
 * refused naming the field. The receiver listens on 127.0.0.1, which this test's scheduler allows by
 * operator CIDR (STARLOOM_WEBHOOKS_ALLOWED_CIDRS), as local setups do.
 */
class WebhooksIT {
    private static final Duration STORY_TIMEOUT = Duration.ofMinutes(4);

    private static Mesh mesh;
    private static StoryApi api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        mesh = Mesh.get();
        // The shared mesh's scheduler again, allowing the local receiver and retrying quickly.
        mesh.kill("scheduler");
        mesh.start("scheduler", "scheduler", Map.of("STARLOOM_WEBHOOKS_ALLOW_HTTP", "true", "STARLOOM_WEBHOOKS_ALLOWED_CIDRS", "127.0.0.1/32",
                "STARLOOM_WEBHOOKS_RETRY_SCHEDULE", "1s,2s,4s", "STARLOOM_WEBHOOKS_POLL_INTERVAL", "1s"));
        // A tenant of its own per run: a kept devstack database may still hold an earlier run's endpoints.
        api = new StoryApi(mesh, "webhooks-it-" + Long.toString(System.currentTimeMillis(), 36));
        receiver = WebhookReceiver.start(204);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        // Back to the scheduler every other test expects.
        mesh.kill("scheduler");
        mesh.start("scheduler");
    }

    @Test
    void aFinishedStoryIsAnnouncedSignedRetriedAndItsFilmLinkWorks() {
        String storySecret = given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/v1/webhooks:rotateStorySecret").then().statusCode(200).extract().path("secret");
        JsonPath endpoint = given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/endpoint"), "eventTypes", List.of("story.completed", "story.canceled")))
                .when().post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
        String endpointSecret = endpoint.getString("secret.secret");

        receiver.answerNext(500);
        String id = api.submit("Perseus rides to the rocks where Andromeda is chained, and the sea monster rises.",
                Map.of("webhookUrl", receiver.url("/story"), "seed", 42, "targetSeconds", 10));
        // Polled here rather than with StoryApi.awaitFinal: on a loaded machine one poll can meet a slow JWKS refresh (401).
        Awaitility.await("story " + id + " to finish").atMost(STORY_TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> StoryApi.FINAL_STATES.contains(api.get(id).getString("state")));
        assertThat(api.get(id).getString("state")).isEqualTo("COMPLETED");

        Received completed = await("/story", "story.completed", id);
        assertThat(WebhookReceiver.verifiedWith(completed, List.of(storySecret))).containsExactly(storySecret);
        Received atEndpoint = await("/endpoint", "story.completed", id);
        assertThat(WebhookReceiver.verifiedWith(atEndpoint, List.of(endpointSecret))).containsExactly(endpointSecret);
        JsonNode film = completed.json().path("data").path("film");
        byte[] mp4 = given().baseUri(api.baseUrl()).when().get(film.path("download").asText()).then().statusCode(200).extract().asByteArray();
        assertThat(new String(mp4, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");

        // The first delivery to the story's URL was answered 500 and then retried with the same id and body.
        Received first = receiver.received().stream().filter(r -> r.path().equals("/story") && r.answered() == 500).findFirst().orElseThrow();
        assertThat(receiver.received().stream().filter(r -> r.id().equals(first.id()) && r.answered() == 204)).singleElement()
                .satisfies(retry -> assertThat(retry.body()).isEqualTo(first.body()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(api.baseUrl()).auth().oauth2(api.token())
                .when().get("/v1/stories/" + id + "/webhook-deliveries?pageSize=100").then().statusCode(200).extract().jsonPath()
                .getList("deliveries.state", String.class).stream().allMatch("DELIVERED"::equals));
        JsonPath log = given().baseUri(api.baseUrl()).auth().oauth2(api.token()).when().get("/v1/stories/" + id + "/webhook-deliveries?pageSize=100")
                .then().statusCode(200).extract().jsonPath();
        assertThat(log.getList("deliveries.findAll { it.id == '" + first.id() + "' }[0].attempts.statusCode", Integer.class)).containsExactly(500, 204);

        // Rotation: the next event carries a signature by each secret.
        String rotated = given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON).body(Map.of("gracePeriodSeconds", 600))
                .when().post("/v1/webhooks/" + endpoint.getString("webhook.id") + ":rotateSecret").then().statusCode(200).extract().path("secret");
        String canceled = api.submit("Orion hunts across the winter sky.", Map.of());
        given().baseUri(api.baseUrl()).auth().oauth2(api.token()).when().post("/v1/stories/" + canceled + ":cancel").then().statusCode(200);
        Received both = await("/endpoint", "story.canceled", canceled);
        assertThat(WebhookReceiver.verifiedWith(both, List.of(endpointSecret, rotated))).containsExactlyInAnyOrder(endpointSecret, rotated);
    }

    @Test
    void targetsThatFailTheSsrfCheckAreRefusedNamingTheField() {
        for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:8080/", "http://10.0.0.1/",
                "http://[::ffff:192.168.0.1]/", "http://2130706433/", "file:///etc/passwd")) {
            given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON)
                    .body(Map.of("text", "Orion.", "webhookUrl", target)).when().post("/v1/stories")
                    .then().statusCode(400).contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("webhookUrl"));
            given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON).body(Map.of("url", target))
                    .when().post("/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        }
    }

    private static Received await(String path, String type, String storyId) {
        return Awaitility.await(type + " of " + storyId + " at " + path).atMost(Duration.ofSeconds(60)).until(() -> receiver.received().stream()
                .filter(r -> r.path().equals(path) && r.answered() < 300 && r.json().path("type").asText().equals(type)
                        && r.json().path("data").path("storyId").asText().equals(storyId)).findFirst(), java.util.Optional::isPresent).get();
    }
}
