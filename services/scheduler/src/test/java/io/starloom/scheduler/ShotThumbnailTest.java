package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Verdict;

/**
 * A shot's thumbnail is served as soon as its clip is reported, while the story still renders, with the film files'
 * rules; a shot without one (not generated yet, or a clip without a thumbnail beside it) is not found.
 */
@QuarkusTest
@QuarkusTestResource(value = io.starloom.devstack.DevStackTestResource.class, restrictToAnnotatedClass = false)
class ShotThumbnailTest {
    private final String token = Stories.token("thumbnails", Roles.STORY_WRITER);

    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    @Test
    void aGeneratedShotsThumbnailIsServedWhileTheStoryRenders() throws Exception {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega weaves. Altair herds."))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
        Stories.send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(Stories.storyboard(3))));
        Stories.awaitState(token, id, "SCREENING");
        Stories.send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        Stories.awaitDispatched(token, id);

        // What the worker leaves: the clip and, beside it, its thumbnail (shot 0); shot 1's clip comes without one.
        byte[] jpeg = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 7, 7, 7 };
        Path clip0 = write(MediaKey.clip(id, 0, 1), new byte[] { 0 });
        write(MediaKey.clipThumbnail(id, 0, 1), jpeg);
        Path clip1 = write(MediaKey.clip(id, 1, 1), new byte[] { 0 });
        Stories.send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1)
                .setClipUri(clip0.toUri().toString())));
        Stories.send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(1).setAttempt(1)
                .setClipUri(clip1.toUri().toString())));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Stories.get(token, id).getList("shots.thumbnailUri").stream().filter(java.util.Objects::nonNull).count() == 2);

        JsonPath story = Stories.get(token, id);
        assertThat(story.getString("state")).as("shot 2 still renders").isNotIn("ASSEMBLING", "COMPLETED");
        assertThat(story.getString("shots[0].thumbnailUri")).isEqualTo("/v1/stories/" + id + "/shots/0/thumbnail");
        assertThat(story.getString("shots[2].thumbnailUri")).as("no clip yet").isNull();

        String reader = Stories.token("thumbnails", Roles.STORY_READER);
        assertThat(given().auth().oauth2(reader).when().get(story.getString("shots[0].thumbnailUri")).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray()).isEqualTo(jpeg);
        given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/shots/1/thumbnail").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/shots/2/thumbnail").then().statusCode(404);
        given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/shots/9/thumbnail").then().statusCode(404);
        given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/shots/first/thumbnail").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("shotIndex"));
        given().auth().oauth2(Stories.token("strangers", Roles.STORY_READER)).when().get("/v1/stories/" + id + "/shots/0/thumbnail")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/v1/stories/" + id + "/shots/0/thumbnail").then().statusCode(401);
    }

    private Path write(MediaKey key, byte[] bytes) throws Exception {
        Path file = mediaRoot.resolve(key.path());
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
