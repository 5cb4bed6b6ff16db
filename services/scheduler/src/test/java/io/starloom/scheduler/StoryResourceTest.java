package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static io.starloom.scheduler.Stories.submit;
import static io.starloom.scheduler.Stories.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.Film;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryResourceTest {
    @TestHTTPResource("/v1/stories")
    URL stories;

    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    @Test
    void submittedStoryIsAcceptedStoredAndSentToEnrichment() {
        String token = token("t1", Roles.STORY_WRITER);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("text", "安德洛墨达被锁在海边岩石上。", "style", "ink-wash"))
                .when().post("/v1/stories")
                .then().statusCode(202)
                .header("Location", containsString("/v1/stories/"))
                .body("state", equalTo("ENRICHING"))
                .body("style", equalTo("ink-wash"))
                .body("resolution", equalTo("720p"))
                .extract().path("id");

        given().auth().oauth2(token).when().get("/v1/stories/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("createTime", notNullValue());
        given().auth().oauth2(token("t1", Roles.STORY_READER)).when().get("/v1/stories/" + id).then().statusCode(200);
        given().auth().oauth2(token("t2", Roles.STORY_READER)).when().get("/v1/stories/" + id)
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        given().auth().oauth2(token("t2", Roles.STORY_WRITER)).when().post("/v1/stories/" + id + ":cancel").then().statusCode(404);
        given().auth().oauth2(token).when().get("/v1/stories/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(token).when().get("/v1/stories/not-a-uuid").then().statusCode(404);
    }

    @Test
    void invalidSubmissionsAreProblemsNamingTheField() {
        String token = token("t1", Roles.STORY_WRITER);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "  "))
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("status", equalTo(400)).body("title", notNullValue()).body("type", notNullValue()).body("detail", notNullValue())
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("text"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("style", "cinematic"))
                .when().post("/v1/stories").then().statusCode(400).body("errors.field", hasItem("text"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "星".repeat(4001)))
                .when().post("/v1/stories").then().statusCode(400).body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("4000"));
        // 4000 characters are accepted when their narration fits one film (528 characters here, the rest punctuation).
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "星".repeat(528) + "…".repeat(3472)))
                .when().post("/v1/stories").then().statusCode(202);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion", "style", "watercolour"))
                .when().post("/v1/stories").then().statusCode(400).body("errors[0].field", equalTo("style"))
                .body("errors[0].message", containsString("ink-wash"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion", "language", "fr"))
                .when().post("/v1/stories").then().statusCode(400).body("errors[0].field", equalTo("language"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion", "resolution", "4k"))
                .when().post("/v1/stories").then().statusCode(400).body("errors[0].field", equalTo("resolution"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion", "resolution", "1080p"))
                .when().post("/v1/stories")
                .then().statusCode(422).contentType(containsString("application/problem+json")).body("errors.field", hasItem("resolution"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"text\":")
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("errors", notNullValue())
                .body(not(containsString("Exception")), not(containsString("at io.")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"text\": {\"nested\": true}}")
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("text"))
                .body("detail", not(containsString("java.")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[]")
                .when().post("/v1/stories").then().statusCode(400).contentType(containsString("application/problem+json"));
    }

    @Test
    void aStoryWithMoreNarrationThanOneFilmIsRefusedBeforeItIsAccepted() {
        String token = token("t1", Roles.STORY_WRITER);
        // 24 shots of 5 s at 4.5 characters per second: 528 Chinese characters (mesh-support's shared settings).
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "星".repeat(528)))
                .when().post("/v1/stories").then().statusCode(202);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "星".repeat(529)))
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("529 Chinese characters"))
                .body("errors[0].message", containsString("at most 24 shots (about 528 Chinese characters)"));
        String twoThousand = "织女在银河东岸织出漫天云锦牛郎在西岸遥望她喜鹊们飞来搭起一座长桥".repeat(63).substring(0, 2000);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", twoThousand))
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("text")).body("detail", containsString("91 shots of 5 s"));
        // English is counted in words (14 per shot, 336 per film), also when the language is given.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion hunts. ".repeat(168), "language", "en"))
                .when().post("/v1/stories").then().statusCode(202);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion hunts. ".repeat(168) + "Again."))
                .when().post("/v1/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("text")).body("errors[0].message", containsString("337 words"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "。。。！"))
                .when().post("/v1/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("text")).body("errors[0].message", containsString("no words"));
    }

    @Test
    void callersNeedAValidTokenTheRightRoleAndATenant() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("text", "Orion")).when().post("/v1/stories").then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get("/v1/stories").then().statusCode(401);
        given().auth().oauth2(token("t1", Roles.STORY_READER)).contentType(ContentType.JSON).body(Map.of("text", "Orion"))
                .when().post("/v1/stories").then().statusCode(403).contentType(containsString("application/problem+json"));
        given().auth().oauth2(token("t1", Roles.REVIEWER)).when().get("/v1/stories").then().statusCode(403);
        given().auth().oauth2(Stories.tokenWithoutTenant(Roles.STORY_WRITER)).when().get("/v1/stories")
                .then().statusCode(403).body("detail", containsString("tenant"));
        given().auth().oauth2(token(" ", Roles.STORY_WRITER)).when().get("/v1/stories").then().statusCode(403);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameStoryEvenWhenRequestsRace() {
        String token = token("idem", Roles.STORY_WRITER);
        String key = "key-" + UUID.randomUUID();
        List<CompletableFuture<String>> racing = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> given()
                .auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("text", "Vega weaves."))
                .when().post("/v1/stories").then().statusCode(202).extract().<String>path("id"))).toList();
        List<String> ids = racing.stream().map(CompletableFuture::join).distinct().toList();
        assertThat(ids).hasSize(1);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega weaves.", "requestId", key))
                .when().post("/v1/stories").then().statusCode(202).body("id", equalTo(ids.get(0)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega weaves."))
                .when().post("/v1/stories").then().statusCode(202).body("id", not(equalTo(ids.get(0))));
        given().auth().oauth2(token("elsewhere", Roles.STORY_WRITER)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("text", "Vega weaves.")).when().post("/v1/stories")
                .then().statusCode(202).body("id", not(equalTo(ids.get(0))));
    }

    @Test
    void listingIsNewestFirstInPagesOfTheCallersTenantOnly() {
        String tenant = "pages-" + UUID.randomUUID();
        String token = token(tenant, Roles.STORY_WRITER);
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(token, "Star " + i));
        }
        submit(token("other-" + tenant, Roles.STORY_WRITER), "Not yours");

        List<String> listed = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token(tenant, Roles.STORY_READER)).queryParam("pageSize", 2);
            if (pageToken != null) {
                request.queryParam("pageToken", pageToken);
            }
            JsonPath page = request.when().get("/v1/stories").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("stories.id", String.class));
            pageToken = page.getString("nextPageToken");
            pages++;
        } while (pageToken != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        Collections.reverse(submitted);
        assertThat(listed).as("newest first").containsExactlyElementsOf(submitted);

        given().auth().oauth2(token).queryParam("pageSize", 101).when().get("/v1/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("pageSize"));
        given().auth().oauth2(token).queryParam("pageToken", "garbage").when().get("/v1/stories")
                .then().statusCode(400).body("errors[0].field", equalTo("pageToken"));
    }

    @Test
    void cancelStopsAStoryOnceAndOnlyTheColonRouteExists() {
        String token = token("cancel", Roles.STORY_WRITER);
        String id = submit(token, "Draco sleeps.");
        given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel")
                .then().statusCode(200).body("state", equalTo("CANCELED")).body("failure.reason", equalTo("CANCELED"));
        given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel").then().statusCode(200).body("state", equalTo("CANCELED"));
        given().auth().oauth2(token).when().post("/v1/stories/" + id + ":explode").then().statusCode(404);
        given().auth().oauth2(token("cancel", Roles.STORY_READER)).when().post("/v1/stories/" + id + ":cancel").then().statusCode(403);
    }

    @Test
    void filesAreConflictsUntilTheFilmIsReadyThenServedFromTheMediaStore() throws Exception {
        String token = token("films", Roles.STORY_WRITER);
        String id = submit(token, "Andromeda waits.");
        for (String file : List.of("film", "subtitles.vtt", "subtitles.srt", "storyboard")) {
            given().auth().oauth2(token).when().get("/v1/stories/" + id + "/" + file)
                    .then().statusCode(409).contentType(containsString("application/problem+json")).body("status", equalTo(409));
        }

        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(2))));
        awaitState(token, id, "SCREENING");
        given().auth().oauth2(token).when().get("/v1/stories/" + id + "/storyboard")
                .then().statusCode(200).contentType(containsString("application/json"))
                .body("title", equalTo("Orion")).body("shots", hasSize(2)).body("shots[1].narration", equalTo("line 1"));

        String other = submit(token, "Andromeda waits again.");
        Path dir = Files.createDirectories(mediaRoot.resolve("stories").resolve(other).resolve("film"));
        byte[] video = new byte[200_000];
        new Random(7).nextBytes(video);
        Path mp4 = Files.write(dir.resolve("film.mp4"), video);
        Path vtt = Files.writeString(dir.resolve("film.vtt"), "WEBVTT\n\n00:00.000 --> 00:05.000\n仙女座在等待\n");
        Path srt = Files.writeString(dir.resolve("film.srt"), "1\n00:00:00,000 --> 00:00:05,000\n仙女座在等待\n");
        Stories.complete(token, other, Film.newBuilder().setVideoUri(mp4.toUri().toString()).setVttUri(vtt.toUri().toString())
                .setSrtUri(srt.toUri().toString()).build());

        byte[] served = given().auth().oauth2(token("films", Roles.STORY_READER)).when().get("/v1/stories/" + other + "/film")
                .then().statusCode(200).contentType("video/mp4").extract().asByteArray();
        assertThat(served).isEqualTo(video);
        given().auth().oauth2(token).when().get("/v1/stories/" + other + "/subtitles.vtt")
                .then().statusCode(200).contentType(containsString("text/vtt")).body(containsString("仙女座在等待"));
        given().auth().oauth2(token).when().get("/v1/stories/" + other + "/subtitles.srt")
                .then().statusCode(200).body(containsString("00:00:00,000 --> 00:00:05,000"));
        given().auth().oauth2(token("strangers", Roles.STORY_READER)).when().get("/v1/stories/" + other + "/film").then().statusCode(404);
    }

    @Test
    void eventsStreamTheStoryUntilItsFinalState() {
        String token = token("sse", Roles.STORY_WRITER);
        String id = submit(token, "Cygnus glides.");
        HttpRequest request = HttpRequest.newBuilder(URI.create(stories + "/" + id + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        List<String> states = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            Iterator<String> lines = response.body().iterator();
            List<String> seen = new ArrayList<>();
            seen.add(nextState(lines));
            given().auth().oauth2(token).when().post("/v1/stories/" + id + ":cancel").then().statusCode(200);
            for (String state = nextState(lines); state != null; state = nextState(lines)) {
                seen.add(state);
            }
            return seen;
        });
        assertThat(states).first().isEqualTo("ENRICHING");
        assertThat(states).last().isEqualTo("CANCELED");
    }

    @Test
    void readinessChecksTheDatabaseAndTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Messaging")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The state in the next SSE data line, or null once the stream has ended. */
    private static String nextState(Iterator<String> lines) throws Exception {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return new ObjectMapper().readTree(line.substring("data:".length()).getBytes(StandardCharsets.UTF_8)).get("state").asText();
            }
        }
        return null;
    }
}
