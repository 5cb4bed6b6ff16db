package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;

/** Bad REST input of every kind is a 4xx problem naming what is at fault, never a 500. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class RestBadInputTest {
    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URL server;

    /** One bad request: how to send it (with a writer's token), the status it must get, the field it must name (or null). */
    record Bad(String name, Function<RequestSpecification, Response> send, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> corpus() {
        return Stream.of(
                submit("malformed JSON, cut short", "{\"text\":", 400, "body"),
                submit("malformed JSON, trailing comma", "{\"text\": \"Orion\",}", 400, "body"),
                submit("malformed JSON, single quotes", "{'text': 'Orion'}", 400, "body"),
                submit("a JSON array", "[]", 400, "body"),
                submit("a JSON string", "\"Orion\"", 400, "body"),
                submit("JSON null", "null", 400, "body"),
                submit("two JSON objects", "{\"text\": \"Orion\"} {\"text\": \"Vega\"}", 400, "body"),
                submit("an empty body", "", 400, "body"),
                new Bad("text/plain", spec -> spec.contentType(ContentType.TEXT).body("Orion").post("/v1/stories"), 415, null),
                new Bad("a form", spec -> spec.contentType(ContentType.URLENC).formParam("text", "Orion").post("/v1/stories"), 415, null),
                new Bad("no content type", spec -> spec.body("{\"text\": \"Orion\"}".getBytes()).post("/v1/stories"), 415, null),
                submit("a 1 MiB story", "{\"text\": \"" + "a".repeat(1 << 20) + "\"}", 400, "text"),
                submit("text as a number", "{\"text\": 123}", 400, "text"),
                submit("text as a decimal", "{\"text\": 1.5}", 400, "text"),
                submit("text as a boolean", "{\"text\": true}", 400, "text"),
                submit("text as an array", "{\"text\": [\"Orion\"]}", 400, "text"),
                submit("text as an object", "{\"text\": {\"nested\": true}}", 400, "text"),
                submit("style as a number", "{\"text\": \"Orion\", \"style\": 2}", 400, "style"),
                submit("language as a boolean", "{\"text\": \"Orion\", \"language\": false}", 400, "language"),
                submit("requestId as a number", "{\"text\": \"Orion\", \"requestId\": 42}", 400, "requestId"),
                submit("a misspelt field", "{\"text\": \"Orion\", \"langauge\": \"en\"}", 400, "langauge"),
                submit("a field twice", "{\"text\": \"Orion\", \"text\": \"Vega\"}", 400, "text"),
                submit("NUL in the text", "{\"text\": \"Orion\\u0000rises\"}", 400, "text"),
                submit("BEL in the text", "{\"text\": \"Orion\\u0007\"}", 400, "text"),
                submit("an ANSI escape in the text", "{\"text\": \"\\u001B[31mOrion\"}", 400, "text"),
                submit("a C1 control in the text", "{\"text\": \"Orion\\u0085\"}", 400, "text"),
                submit("an unpaired surrogate in the text", "{\"text\": \"Orion\\ud83c\"}", 400, "text"),
                submit("NUL in the requestId", "{\"text\": \"Orion\", \"requestId\": \"key\\u0000\"}", 400, "requestId"),
                submit("an unknown style", "{\"text\": \"Orion\", \"style\": \"watercolour\"}", 400, "style"),
                submit("a style by its proto name", "{\"text\": \"Orion\", \"style\": \"STYLE_INK_WASH\"}", 400, "style"),
                submit("the unspecified style", "{\"text\": \"Orion\", \"style\": \"unspecified\"}", 400, "style"),
                submit("an unknown language", "{\"text\": \"Orion\", \"language\": \"fr\"}", 400, "language"),
                submit("an unknown resolution", "{\"text\": \"Orion\", \"resolution\": \"4k\"}", 400, "resolution"),
                submit("a resolution not offered", "{\"text\": \"Orion\", \"resolution\": \"1080p\"}", 422, "resolution"),
                submit("a 129-character requestId", "{\"text\": \"Orion\", \"requestId\": \"" + "k".repeat(129) + "\"}", 400, "requestId"),
                new Bad("a 200-character Idempotency-Key", spec -> spec.header("Idempotency-Key", "k".repeat(200)).contentType(ContentType.JSON)
                        .body("{\"text\": \"Orion\"}").post("/v1/stories"), 400, "requestId"),
                list("pageSize not a number", "pageSize", "abc", "pageSize"),
                list("pageSize a decimal", "pageSize", "1.5", "pageSize"),
                list("pageSize negative", "pageSize", "-1", "pageSize"),
                list("pageSize too large", "pageSize", "101", "pageSize"),
                list("pageSize past int", "pageSize", "99999999999", "pageSize"),
                list("pageToken garbage", "pageToken", "garbage", "pageToken"),
                list("pageToken NUL", "pageToken", "\u0000", "pageToken"),
                list("pageToken base64 of nonsense", "pageToken", "eHx5", "pageToken"),
                list("pageToken of 3000 characters", "pageToken", "A".repeat(3000), "pageToken"),
                get("story id ../x, escaped", "%2E%2E%2Fx", 404),
                get("story id ../x", "../x", 404),
                get("story id NUL", "%00", 404),
                get("story id of a control character", "%1B", 404),
                get("story id of 3000 characters", "a".repeat(3000), 404),
                get("story id with a space", "a%20b", 404),
                get("story id of escaped colons", "%3A%3A%3A", 404),

                get("film of an unknown story", UUID.randomUUID() + "/film", 404),
                get("storyboard of a NUL story", "%00/storyboard", 404),
                get("events of an unknown story", UUID.randomUUID() + "/events", 404),
                get("events of a 3000-character story", "a".repeat(3000) + "/events", 404),
                get("subtitles of a 3000-character story", "a".repeat(3000) + "/subtitles.vtt", 404),
                new Bad("cancel of a NUL story", spec -> spec.urlEncodingEnabled(false).post("/v1/stories/%00:cancel"), 404, null),
                new Bad("an unknown custom method", spec -> spec.post("/v1/stories/" + UUID.randomUUID() + ":explode"), 404, null),
                new Bad("DELETE", spec -> spec.delete("/v1/stories"), 405, null),
                new Bad("Accept text/html", spec -> spec.accept(ContentType.HTML).get("/v1/stories"), 406, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsAProblemNamingTheFieldNeverAServerError(Bad bad) {
        var response = bad.send().apply(given().auth().oauth2(Stories.token("bad-input", Roles.STORY_WRITER))).then()
                .statusCode(bad.status()).contentType(startsWith(PROBLEM)).body("status", equalTo(bad.status()))
                .body(not(containsString("Exception")), not(containsString("java.")), not(containsString("at io.")), not(containsString("@")));
        if (bad.field() != null) {
            response.body("errors.field", hasItem(bad.field()));
        }
    }

    /**
     * Requests the HTTP server itself refuses before any routing, with an empty 400 or 414: request lines that
     * are not valid URIs (no client library sends them) and ones over quarkus.http.limits.max-initial-line-length
     * (4096). Still never a 5xx.
     */
    @ParameterizedTest
    @ValueSource(strings = { "GET /v1/stories/{x}", "GET /v1/stories/a|b%3Ax", "POST /v1/stories/a\"b%3Acancel", "GET /v1/stories/%zz",
            "GET /v1/stories?pageToken=%zz", "GET /v1/stories/ten-thousand-characters" })
    void requestsRefusedBeforeRoutingAreStillClientErrors(String request) throws Exception {
        String line = request.replace("ten-thousand-characters", "a".repeat(10_000));
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.getOutputStream().write((line + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Stories.token("bad-input", Roles.STORY_WRITER) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).as(response).matches("(?s)HTTP/1\\.[01] (400|414) .*");
        }
    }

    private static Bad submit(String name, String body, int status, String field) {
        return new Bad(name, spec -> spec.contentType(ContentType.JSON).body(body).post("/v1/stories"), status, field);
    }

    private static Bad list(String name, String parameter, String value, String field) {
        return new Bad(name, spec -> spec.queryParam(parameter, value).get("/v1/stories"), 400, field);
    }

    private static Bad get(String name, String path, int status) {
        return new Bad(name, spec -> spec.urlEncodingEnabled(false).get("/v1/stories/" + path), status, null);
    }
}
