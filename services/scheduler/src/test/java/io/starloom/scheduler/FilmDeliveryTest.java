package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.SynthesizeNarrationCommand;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.AspectRatio;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.FilmFile;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Transition;
import io.starloom.proto.v1.Verdict;
import io.starloom.scheduler.domain.FilmOptions;

/**
 * The film options a caller chooses reach postprocess, the narration is requested while the shots render,
 * and the files beside the film are served with the film's auth and tenant rules.
 */
@QuarkusTest
@QuarkusTestResource(value = io.starloom.devstack.DevStackTestResource.class, restrictToAnnotatedClass = false)
class FilmDeliveryTest {
    private final String token = Stories.token("film-delivery", Roles.STORY_WRITER);

    @Inject
    SentCommands sent;

    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    @GrpcClient("stories")
    StoryService grpc;

    @Test
    void optionsStoryboardAndNarrationReachPostprocessAndTheExtrasAreServed() throws Exception {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("text", "Orion rises. The Scorpion follows.", "voice", "en-us", "aspectRatio", "9-16", "burnInSubtitles", true))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
        given().auth().oauth2(token).when().get("/v1/stories/" + id).then().statusCode(200)
                .body("voice", is("en-us")).body("aspectRatio", is("9-16")).body("burnInSubtitles", is(true));
        Storyboard storyboard = Stories.storyboard(2).toBuilder().setTranslationLanguage(Language.LANGUAGE_ZH)
                .setShots(0, Stories.storyboard(2).getShots(0).toBuilder().setTransitionOut(Transition.TRANSITION_DIP_WHITE)
                        .setBeat("Orion rises").setNarrationTranslation("猎户座升起"))
                .build();
        Stories.send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard)));
        Stories.awaitState(token, id, "SCREENING");
        Stories.send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        Stories.awaitState(token, id, "QUEUED");

        // Before any shot is rendered, postprocess is asked to speak every line.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !sent.on(Queues.NARRATION_REQUESTS, id).isEmpty());
        SynthesizeNarrationCommand narration = sent.parsed(Queues.NARRATION_REQUESTS, id, SynthesizeNarrationCommand::parseFrom).get(0);
        assertThat(narration.getVoice()).isEqualTo("en-us");
        assertThat(narration.getLinesList()).extracting(l -> l.getShotIndex() + ":" + l.getText()).containsExactly("0:line 0", "1:line 1");

        for (int shot = 0; shot < 2; shot++) {
            Stories.send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(shot).setAttempt(1)
                    .setClipUri("file:///m/" + shot + ".mp4")));
        }
        Stories.awaitState(token, id, "ASSEMBLING");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !sent.on(Queues.POSTPROCESS_REQUESTS, id).isEmpty());
        AssembleFilmCommand assemble = sent.parsed(Queues.POSTPROCESS_REQUESTS, id, AssembleFilmCommand::parseFrom).get(0);
        assertThat(assemble.getOutput().getWidth()).as("portrait from the 1280x720 profile").isEqualTo(720);
        assertThat(assemble.getOutput().getHeight()).isEqualTo(1280);
        assertThat(assemble.getVoice()).isEqualTo("en-us");
        assertThat(assemble.getBurnInSubtitles()).isTrue();
        assertThat(assemble.getTranslationLanguage()).isEqualTo(Language.LANGUAGE_ZH);
        assertThat(assemble.getClips(0).getTransitionOut()).isEqualTo(Transition.TRANSITION_DIP_WHITE);
        assertThat(assemble.getClips(0).getBeat()).isEqualTo("Orion rises");
        assertThat(assemble.getClips(0).getNarrationTranslation()).isEqualTo("猎户座升起");
        assertThat(assemble.getClips(1).getTransitionOut()).as("empty in the storyboard: postprocess picks").isEqualTo(Transition.TRANSITION_UNSPECIFIED);

        Path dir = Files.createDirectories(mediaRoot.resolve("stories").resolve(id).resolve("film"));
        Path poster = Files.write(dir.resolve("poster.jpg"), new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3 });
        Path manifest = Files.writeString(dir.resolve("manifest.json"), "{\"story_id\":\"" + id + "\"}\n");
        Path translation = Files.writeString(dir.resolve("film.chi.vtt"), "WEBVTT\n\n00:00.000 --> 00:05.000\n猎户座升起\n");
        Stories.send(id, StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder().setFilm(Film.newBuilder()
                .setVideoUri(poster.toUri().toString()).setPosterUri(poster.toUri().toString()).setManifestUri(manifest.toUri().toString())
                .setTranslationVttUri(translation.toUri().toString()).setTranslationLanguage(Language.LANGUAGE_ZH))));
        Stories.awaitState(token, id, "COMPLETED");

        String reader = Stories.token("film-delivery", Roles.STORY_READER);
        assertThat(given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/poster.jpg").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray()).isEqualTo(Files.readAllBytes(poster));
        assertThat(given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/manifest.json").then().statusCode(200)
                .extract().asString()).contains(id);
        assertThat(given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/subtitles.translation.vtt").then().statusCode(200)
                .extract().asString()).contains("猎户座升起");
        given().auth().oauth2(reader).when().get("/v1/stories/" + id + "/subtitles.translation.srt").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/v1/stories/" + id + "/poster.jpg").then().statusCode(401);
        given().auth().oauth2(Stories.token("strangers", Roles.STORY_READER)).when().get("/v1/stories/" + id + "/manifest.json")
                .then().statusCode(404);

        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + reader);
        byte[] overGrpc = io.quarkus.grpc.GrpcClientUtils.attachHeaders(grpc, headers).downloadFilm(DownloadFilmRequest.newBuilder().setStoryId(id).setFile(FilmFile.FILM_FILE_MANIFEST).build())
                .map(chunk -> chunk.getChunk().toByteArray()).collect().asList().await().atMost(Duration.ofSeconds(10))
                .stream().reduce(new byte[0], FilmDeliveryTest::concat);
        assertThat(new String(overGrpc, StandardCharsets.UTF_8)).isEqualTo(Files.readString(manifest));

        var story = given().auth().oauth2(reader).when().get("/v1/stories/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(story.getString("state")).isEqualTo("COMPLETED");
    }

    @Test
    void badFilmOptionsAreRefusedAtTheEdge() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega.", "voice", "../etc/passwd"))
                .when().post("/v1/stories").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "Vega.", "aspectRatio", "4-3"))
                .when().post("/v1/stories").then().statusCode(400).contentType("application/problem+json");
        assertThat(new FilmOptions("x", AspectRatio.ASPECT_RATIO_1_1, false).frameSize(1280, 720)).containsExactly(720, 720);
        assertThat(new FilmOptions("", AspectRatio.ASPECT_RATIO_UNSPECIFIED, false).frameSize(1280, 704)).containsExactly(1280, 704);
        assertThat(new FilmOptions("", AspectRatio.ASPECT_RATIO_9_16, false).frameSize(832, 480)).containsExactly(480, 854);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

}
