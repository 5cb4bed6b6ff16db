package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryResourceTest {

    static String token(String tenant, String... roles) {
        return DevStackTestResource.stack().mintToken("tester", tenant, Set.of(roles));
    }

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
        given().auth().oauth2(token("t2", Roles.STORY_READER)).when().get("/v1/stories/" + id).then().statusCode(404);
    }

    @Test
    void invalidSubmissionsAreProblemsNamingTheField() {
        String token = token("t1", Roles.STORY_WRITER);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "  "))
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("errors.field", hasItem("text"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Orion", "resolution", "1080p"))
                .when().post("/v1/stories")
                .then().statusCode(422).body("errors.field", hasItem("resolution"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"text\":")
                .when().post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("text", "Orion")).when().post("/v1/stories").then().statusCode(401);
        given().auth().oauth2(token("t1", Roles.STORY_READER)).contentType(ContentType.JSON).body(Map.of("text", "Orion"))
                .when().post("/v1/stories").then().statusCode(403);
    }
}
