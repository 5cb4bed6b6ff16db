package io.starloom.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.PreviewStoryRequest;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.StoryboardServiceGrpc;
import io.starloom.proto.v1.SubmitStoryRequest;

/**
 * Storyboard previews through the whole mesh: the scheduler's public REST and gRPC preview, with a real token,
 * planned by the real enrichment over gRPC; nothing is stored; the same rules as a submission.
 */
class StoryboardPreviewIT {
    private static Mesh mesh;
    private static ManagedChannel channel;
    private static StoryApi rest;

    @BeforeAll
    static void connect() {
        mesh = Mesh.get();
        rest = new StoryApi(mesh, "previewer");
        channel = NettyChannelBuilder.forAddress("127.0.0.1", mesh.port("scheduler")).usePlaintext().build();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aMythPreviewsTheSameOverRestAndGrpcAndNothingIsStored() {
        String qixi = SampleStories.read("qixi.zh.txt");
        JsonPath board = given().baseUri(rest.baseUrl()).auth().oauth2(rest.token()).contentType(ContentType.JSON)
                .body(Map.of("text", qixi, "language", "zh", "style", "ink-wash"))
                .when().post("/v1/storyboards:preview").then().statusCode(200).extract().jsonPath();
        assertThat(board.getString("style")).isEqualTo("STYLE_INK_WASH");
        assertThat(board.getList("myths.id", String.class)).contains("qixi");
        List<String> prompts = board.getList("shots.prompt", String.class);
        assertThat(prompts).isNotEmpty().allSatisfy(prompt -> assertThat(prompt).isNotBlank());
        assertThat(board.getList("shots.narration", String.class)).allSatisfy(n -> assertThat(qixi).contains(n.replaceAll("[。！？]$", "")));

        Storyboard grpc = StoryboardServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(rest.token()))
                .previewStory(PreviewStoryRequest.newBuilder().setStory(SubmitStoryRequest.newBuilder().setText(qixi)
                        .setLanguage(Language.LANGUAGE_ZH).setStyle(io.starloom.proto.v1.Style.STYLE_INK_WASH)).build())
                .getStoryboard();
        assertThat(grpc.getShotsList()).extracting(s -> s.getPrompt()).as("planning is deterministic").isEqualTo(prompts);
        // proto3 JSON writes int64 as strings.
        assertThat(grpc.getShotsList()).extracting(s -> String.valueOf(s.getSeed())).isEqualTo(board.getList("shots.seed", String.class));

        // A preview is not a story: the tenant has none.
        assertThat(given().baseUri(rest.baseUrl()).auth().oauth2(rest.token()).get("/v1/stories").then().statusCode(200)
                .extract().jsonPath().getList("stories")).isNullOrEmpty();
    }

    @Test
    void previewsFollowTheSubmissionsRulesAndRole() {
        given().baseUri(rest.baseUrl()).auth().oauth2(rest.token()).contentType(ContentType.JSON).body(Map.of("text", "Vega", "style", "crayon"))
                .post("/v1/storyboards:preview").then().statusCode(400).body("errors.field", hasItem("style"));
        given().baseUri(rest.baseUrl()).auth().oauth2(rest.token()).contentType(ContentType.JSON).body(Map.of("text", "  "))
                .post("/v1/storyboards:preview").then().statusCode(400).body("errors.field", hasItem("text"));
        String reader = mesh.stack().mintToken("reader", "previewer", Set.of(Roles.STORY_READER));
        given().baseUri(rest.baseUrl()).auth().oauth2(reader).contentType(ContentType.JSON).body(Map.of("text", "Vega"))
                .post("/v1/storyboards:preview").then().statusCode(403);
        given().baseUri(rest.baseUrl()).contentType(ContentType.JSON).body(Map.of("text", "Vega"))
                .post("/v1/storyboards:preview").then().statusCode(401);
        StatusRuntimeException denied = catchThrowableOfType(StatusRuntimeException.class, () -> StoryboardServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(reader)).previewStory(PreviewStoryRequest.newBuilder()
                        .setStory(SubmitStoryRequest.newBuilder().setText("Vega")).build()));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    /** Long stories, both languages: a preview and a submission agree, and what the edge accepts, enrichment plans in one film. */
    @Test
    void longStoriesArePlannedInOneFilmOrRefusedUpFrontAlike() {
        String zh = SampleStories.read("qixi.zh.txt") + SampleStories.read("andromeda.zh.txt") + SampleStories.read("winter-sky.zh.txt");
        String en = SampleStories.read("orion.en.txt");
        for (String base : List.of(zh, en)) {
            for (int length : List.of(600, 2400, 4000)) {
                String text = cut(base, length);
                int preview = given().baseUri(rest.baseUrl()).auth().oauth2(rest.token()).contentType(ContentType.JSON)
                        .body(Map.of("text", text)).post("/v1/storyboards:preview").then().extract().statusCode();
                int submit = given().baseUri(rest.baseUrl()).auth().oauth2(mesh.writerToken("long-" + length)).contentType(ContentType.JSON)
                        .body(Map.of("text", text)).post("/v1/stories").then().extract().statusCode();
                assertThat(preview).as("preview of %d characters", length).isIn(200, 400);
                assertThat(submit).as("submission of %d characters agrees with its preview (%d)", length, preview)
                        .isEqualTo(preview == 200 ? 202 : 400);
                if (preview == 200) {
                    JsonPath board = given().baseUri(rest.baseUrl()).auth().oauth2(rest.token()).contentType(ContentType.JSON)
                            .body(Map.of("text", text)).post("/v1/storyboards:preview").then().extract().jsonPath();
                    assertThat(board.getList("shots")).hasSizeBetween(1, 24);
                }
            }
        }
    }

    private static String cut(String base, int length) {
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < length) {
            text.append(base).append('\n');
        }
        return text.substring(0, text.offsetByCodePoints(0, length));
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
