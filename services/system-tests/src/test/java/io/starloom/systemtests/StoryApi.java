package io.starloom.systemtests;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The scheduler's public REST API as a user calls it, with a bearer token. */
final class StoryApi {
    static final Set<String> FINAL_STATES = Set.of("COMPLETED", "FAILED", "REJECTED", "CANCELED");

    private final String baseUrl;
    private final String token;

    StoryApi(Mesh mesh, String tenant) {
        this.baseUrl = mesh.schedulerUrl();
        this.token = mesh.writerToken(tenant);
    }

    String submit(String text, Map<String, Object> options) {
        Map<String, Object> body = new java.util.HashMap<>(options);
        body.put("text", text);
        return given().baseUri(baseUrl).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/v1/stories")
                .then().statusCode(202).extract().path("id");
    }

    JsonPath get(String id) {
        return given().baseUri(baseUrl).auth().oauth2(token).when().get("/v1/stories/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the story reaches a final state and returns it. */
    JsonPath awaitFinal(String id, Duration timeout) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await("story " + id + " to finish").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = get(id);
                    return FINAL_STATES.contains(last[0].getString("state"));
                });
        return last[0];
    }

    /** Downloads one of the story's files (film, subtitles, storyboard) into {@code target}. */
    Path download(String id, String resource, Path target) {
        try (InputStream in = given().baseUri(baseUrl).auth().oauth2(token).when().get("/v1/stories/" + id + "/" + resource)
                .then().statusCode(200).extract().asInputStream()) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    String token() {
        return token;
    }
}
