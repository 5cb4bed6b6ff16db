package io.starloom.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Roles;

/** Bad input at the public edge gets a precise problem, never a 500, and costs no GPU time. */
class BadInputIT {
    private static Mesh mesh;
    private static StoryApi api;

    @BeforeAll
    static void mesh() {
        mesh = Mesh.get();
        api = new StoryApi(mesh, "bad-input");
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
        "blank text          | {\"text\":\"  \\n\\t \"}                                  | 400 | text",
        "missing text        | {\"style\":\"cinematic\"}                                  | 400 | text",
        "unknown style       | {\"text\":\"猎户座升起\",\"style\":\"vaporwave\"}            | 400 | style",
        "unknown language    | {\"text\":\"猎户座升起\",\"language\":\"klingon\"}           | 400 | language",
        "invalid resolution  | {\"text\":\"猎户座升起\",\"resolution\":\"8k\"}               | 400 | resolution",
        "unoffered resolution| {\"text\":\"猎户座升起\",\"resolution\":\"1080p\"}            | 422 | resolution",
        "NUL in the text     | {\"text\":\"猎户座\\u0000升起\"}                           | 400 | text",
        "text is a number    | {\"text\":123}                                           | 400 | text",
        "text is an array    | {\"text\":[\"猎户座升起\"]}                               | 400 | text",
        "style is a number   | {\"text\":\"猎户座升起\",\"style\":2}                       | 400 | style",
    })
    void invalidSubmissionIsAProblemNamingTheField(String caseName, String body, int status, String field) {
        given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON).body(body)
                .when().post("/v1/stories")
                .then().statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field))
                .body(not(containsString("Exception")));
    }

    @Test
    void storyOverTheLimitIsRejected() {
        String text = "猎户座".repeat(1400);
        given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("errors.field", hasItem("text"));
    }

    @Test
    void aStoryWithMoreNarrationThanOneFilmIsRejectedAtTheEdge() {
        // 2000 Chinese characters need about 91 shots of 5 s; a film has at most 24 (528 characters): refused
        // before it is accepted, rather than accepted and failed in enrichment.
        String text = "织女在银河东岸织出漫天云锦牛郎在西岸遥望她喜鹊们飞来搭起一座长桥".repeat(63).substring(0, 2000);
        given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("text")).body("detail", containsString("at most 24 shots"));
    }

    @Test
    void aLongStoryWithoutPunctuationIsAcceptedAndFinishes() {
        // Nothing the edge accepts may be unstorable further down the pipeline (a title, a prompt, a narration line):
        // the longest story a film narrates, 528 Chinese characters without a single punctuation mark.
        String text = "织女在银河东岸织出漫天云锦牛郎在西岸遥望她喜鹊们飞来搭起一座长桥".repeat(17).substring(0, 528);
        String id = api.submit(text, Map.of());
        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(8));
        assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");
        assertThat(story.getString("title").codePointCount(0, story.getString("title").length())).isLessThanOrEqualTo(16);
    }

    @Test
    void malformedJsonIsBadRequest() {
        given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"text\": \"unterminated")
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body(not(containsString("Exception")));
    }

    @Test
    void missingOrForgedTokenIsUnauthorized() {
        given().baseUri(api.baseUrl()).contentType(ContentType.JSON).body(Map.of("text", "猎户座升起"))
                .when().post("/v1/stories").then().statusCode(401);
        given().baseUri(api.baseUrl()).auth().oauth2(api.token() + "x").contentType(ContentType.JSON).body(Map.of("text", "猎户座升起"))
                .when().post("/v1/stories").then().statusCode(401);
    }

    @Test
    void readerCannotSubmitAndTenantsAreIsolated() {
        String reader = mesh.stack().mintToken("reader", "bad-input", Set.of(Roles.STORY_READER));
        given().baseUri(api.baseUrl()).auth().oauth2(reader).contentType(ContentType.JSON).body(Map.of("text", "猎户座升起"))
                .when().post("/v1/stories").then().statusCode(403);

        String id = api.submit("Orion rises over the winter plain.", Map.of());
        String otherTenant = mesh.writerToken("someone-else");
        given().baseUri(api.baseUrl()).auth().oauth2(otherTenant).when().get("/v1/stories/" + id).then().statusCode(404);
        api.awaitFinal(id, Duration.ofMinutes(4));
    }

    @Test
    void forbiddenStoryIsRejectedWithFindingsBeforeAnyShotIsRendered() {
        String id = api.submit("A story about child pornography under the stars.", Map.of("language", "en"));
        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(2));
        assertThat(story.getString("state")).isEqualTo("REJECTED");
        assertThat(story.getList("findings.category", String.class)).isNotEmpty();
        assertThat(story.getList("shots.state", String.class)).as("no shot went to a GPU").doesNotContain("GENERATED", "RUNNING");
    }
}
