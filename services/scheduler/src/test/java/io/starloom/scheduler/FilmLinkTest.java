package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.Film;
import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.links.FilmLinks;

/** Expiring download links: made by a reader of the tenant, usable without a token, refused when forged or expired. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class FilmLinkTest {
    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    @Inject
    FilmLinks links;

    @Test
    void aLinkDownloadsTheFilmWithoutATokenUntilItExpires() throws Exception {
        String writer = Stories.token("links", Roles.STORY_WRITER, Roles.STORY_READER);
        String id = Stories.submit(writer, "Vega weaves.");
        link(writer, id, null).then().statusCode(409);
        Path dir = Files.createDirectories(mediaRoot.resolve("stories").resolve(id).resolve("film"));
        byte[] video = new byte[70_000];
        new Random(3).nextBytes(video);
        Path mp4 = Files.write(dir.resolve("film.mp4"), video);
        Path vtt = Files.writeString(dir.resolve("film.vtt"), "WEBVTT\n\n00:00.000 --> 00:05.000\n织女\n");
        Stories.complete(writer, id, Film.newBuilder().setVideoUri(mp4.toUri().toString()).setVttUri(vtt.toUri().toString()).build());

        String url = link(Stories.token("links", Roles.STORY_READER), id, null).then().statusCode(200).extract().path("url");
        assertThat(given().get(url).then().statusCode(200).contentType("video/mp4").extract().asByteArray()).isEqualTo(video);
        String subtitles = link(writer, id, "vtt").then().statusCode(200).extract().path("url");
        assertThat(given().get(subtitles).then().statusCode(200).extract().asString()).contains("织女");

        // Another tenant cannot make one; a changed or foreign link is not found; an expired one is gone.
        link(Stories.token("strangers", Roles.STORY_READER), id, null).then().statusCode(404);
        link(writer, id, "mp3").then().statusCode(400);
        given().contentType("application/json").body("{\"storyId\":\"" + id + "\"}").post("/v1/film-links").then().statusCode(401);
        String token = url.substring(url.lastIndexOf('/') + 1);
        String otherTenant = links.token(new FilmLinks.Grant(id, FilmFiles.Kind.VIDEO, "strangers", Instant.now().plusSeconds(600)));
        String forged = otherTenant.substring(0, otherTenant.indexOf('.')) + token.substring(token.indexOf('.'));
        given().get("/v1/film-links/" + forged).then().statusCode(404).contentType(containsString("application/problem+json"));
        given().get("/v1/film-links/" + otherTenant).then().statusCode(404);
        given().get("/v1/film-links/garbage").then().statusCode(404);
        String expired = links.token(new FilmLinks.Grant(id, FilmFiles.Kind.VIDEO, "links", Instant.now().minusSeconds(1)));
        given().get("/v1/film-links/" + expired).then().statusCode(410).body("detail", containsString("expired"));
        // Links do not open the rest of the API.
        given().get("/v1/stories/" + id).then().statusCode(401);
        assertThat(DevStackTestResource.stack()).isNotNull();
    }

    private static io.restassured.response.Response link(String token, String id, String kind) {
        String body = "{\"storyId\":\"" + id + "\"" + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + "}";
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/v1/film-links");
    }
}
