package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.PreviewStoryRequest;
import io.starloom.proto.v1.PreviewStoryResponse;
import io.starloom.proto.v1.StoryboardService;
import io.starloom.proto.v1.SubmitStoryRequest;

/**
 * POST /v1/storyboards:preview and StoryboardService/PreviewStory: the submission's checks and role, enrichment's
 * gRPC called over the wire with the caller's token, its refusals as 400 with field paths, and enrichment slow or
 * failing as 503 / UNAVAILABLE without its internals. Against a stand-in enrichment (FakeEnrichment); the system
 * test StoryboardEditIT runs the real one.
 */
@QuarkusTest
@TestProfile(StoryboardPreviewTest.WithEnrichment.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryboardPreviewTest {
    public static class WithEnrichment implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FakeEnrichment.class));
        }
    }

    @GrpcClient("stories")
    StoryboardService storyboards;

    @Test
    void aWriterPreviewsOverRestWithItsOwnTokenPassedOn() {
        String writer = Stories.token("preview-rest", Roles.STORY_WRITER);
        given().auth().oauth2(writer).contentType("application/json")
                .body("{\"text\":\"织女星与牛郎星隔着银河相望。\",\"language\":\"zh\",\"style\":\"ink-wash\"}")
                .post("/v1/storyboards:preview")
                .then().statusCode(200).contentType(containsString("application/json"))
                .body("shots[0].narration", equalTo("织女星与牛郎星隔着银河相望。"))
                .body("style", equalTo("STYLE_INK_WASH")).body("language", equalTo("LANGUAGE_ZH"));
        assertThat(FakeEnrichment.LAST_AUTHORIZATION.get()).isEqualTo("Bearer " + writer);
    }

    @Test
    void aWriterPreviewsOverGrpc() {
        String writer = Stories.token("preview-grpc", Roles.STORY_WRITER);
        PreviewStoryResponse response = as(writer).previewStory(PreviewStoryRequest.newBuilder()
                .setStory(SubmitStoryRequest.newBuilder().setText("Orion hunts across the winter sky.")).build())
                .await().atMost(Duration.ofSeconds(10));
        assertThat(response.getStoryboard().getShots(0).getNarration()).isEqualTo("Orion hunts across the winter sky.");
        assertThat(FakeEnrichment.LAST_AUTHORIZATION.get()).isEqualTo("Bearer " + writer);
    }

    @Test
    void theEstimateIsTheStoryboardsShotsTimesTheProfilesFigures() {
        String writer = Stories.token("preview-estimate", Roles.STORY_WRITER);
        String body = "{\"text\":\"Orion hunts. The Scorpion follows. Sirius shines.\",\"language\":\"en\"}";
        int shots = given().auth().oauth2(writer).contentType("application/json").body(body).post("/v1/storyboards:preview")
                .then().statusCode(200).extract().jsonPath().getList("shots").size();
        io.restassured.path.json.JsonPath estimate = given().auth().oauth2(writer).contentType("application/json").body(body)
                .post("/v1/storyboards:estimate").then().statusCode(200).extract().jsonPath();
        assertThat(estimate.getInt("estimate.shots")).isEqualTo(shots).isPositive();
        double clipSeconds = estimate.getDouble("estimate.videoSeconds") / shots;
        assertThat(clipSeconds).as("one clip of the 720p profile: its frames over its fps").isBetween(1.0, 10.0);
        assertThat(estimate.getString("overCap")).isNull();

        PreviewStoryResponse response = as(writer).previewStory(PreviewStoryRequest.newBuilder()
                .setStory(SubmitStoryRequest.newBuilder().setText("Orion hunts. The Scorpion follows. Sirius shines.")).build())
                .await().atMost(Duration.ofSeconds(10));
        assertThat(response.getEstimate().getShots()).isEqualTo(response.getStoryboard().getShotsCount());
        assertThat(response.getEstimate().getVideoSeconds()).isCloseTo(estimate.getDouble("estimate.videoSeconds"), org.assertj.core.data.Offset.offset(0.01));

        given().auth().oauth2(Stories.token("preview-estimate", Roles.STORY_READER)).contentType("application/json").body(body)
                .post("/v1/storyboards:estimate").then().statusCode(403);
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\" \"}").post("/v1/storyboards:estimate")
                .then().statusCode(400).contentType(containsString("application/problem+json")).body("errors.field", hasItem("text"));
    }

    @Test
    void previewingNeedsTheWritersRole() {
        String reader = Stories.token("preview-reader", Roles.STORY_READER);
        int before = FakeEnrichment.CALLS.get();
        given().auth().oauth2(reader).contentType("application/json").body("{\"text\":\"Vega\"}").post("/v1/storyboards:preview")
                .then().statusCode(403);
        given().contentType("application/json").body("{\"text\":\"Vega\"}").post("/v1/storyboards:preview").then().statusCode(401);
        StatusRuntimeException denied = grpcFailure(reader, SubmitStoryRequest.newBuilder().setText("Vega").build());
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(FakeEnrichment.CALLS.get()).as("enrichment is not called for a refused caller").isEqualTo(before);
    }

    @Test
    void aBodyASubmissionWouldRefuseIsRefusedTheSameWayBeforeEnrichmentIsAsked() {
        String writer = Stories.token("preview-invalid", Roles.STORY_WRITER);
        int before = FakeEnrichment.CALLS.get();
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"   \",\"style\":\"crayon\"}")
                .post("/v1/storyboards:preview")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("style"));
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"   \"}").post("/v1/storyboards:preview")
                .then().statusCode(400).body("errors.field", hasItem("text"));
        // Too much narration for one film: the same NarrationCheck as a submission.
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"" + "星".repeat(3999) + "\"}")
                .post("/v1/storyboards:preview").then().statusCode(400).body("errors.field", hasItem("text"));
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"Vega\",\"colour\":\"red\"}")
                .post("/v1/storyboards:preview").then().statusCode(400);
        StatusRuntimeException invalid = grpcFailure(writer, SubmitStoryRequest.newBuilder().setText(" ").build());
        assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(invalid)).contains("story.text");
        StatusRuntimeException missing = grpcFailure(writer, null);
        assertThat(violations(missing)).contains("story");
        assertThat(FakeEnrichment.CALLS.get()).isEqualTo(before);
    }

    @Test
    void aStoryEnrichmentRefusesIs400WithItsFieldPaths() {
        String writer = Stories.token("preview-refused", Roles.STORY_WRITER);
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"REFUSE this one\"}").post("/v1/storyboards:preview")
                .then().statusCode(400).body("errors.field", hasItem("options.max_shots"))
                .body("errors[0].code", equalTo("ENRICHMENT_INVALID_OPTIONS")).body("errors[0].message", equalTo("max_shots must be 1..24"));
        // Enrichment words its violations in English; its reason gives them this service's Chinese words.
        given().auth().oauth2(writer).header("Accept-Language", "zh-CN").contentType("application/json").body("{\"text\":\"REFUSE this one\"}")
                .post("/v1/storyboards:preview").then().statusCode(400).header("Content-Language", "zh")
                .body("errors[0].field", equalTo("options.max_shots")).body("errors[0].code", equalTo("ENRICHMENT_INVALID_OPTIONS"))
                .body("errors[0].message", equalTo("分镜选项（镜头数或时长）超出允许的范围"));
        StatusRuntimeException refused = grpcFailure(writer, SubmitStoryRequest.newBuilder().setText("REFUSE this one").build());
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(refused)).contains("story.options.max_shots");
    }

    @Test
    void enrichmentTooSlowOrFailingIsUnavailableNeverInternal() {
        String writer = Stories.token("preview-down", Roles.STORY_WRITER);
        long start = System.nanoTime();
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"SLOW story\"}").post("/v1/storyboards:preview")
                .then().statusCode(503).contentType(containsString("application/problem+json")).header("Retry-After", equalTo("5"))
                .body("detail", containsString("in time"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the deadline holds").isLessThan(Duration.ofMillis(5500));
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"CRASH story\"}").post("/v1/storyboards:preview")
                .then().statusCode(503).body(not(containsString(FakeEnrichment.SECRET)));
        given().auth().oauth2(writer).header("Accept-Language", "zh").contentType("application/json").body("{\"text\":\"CRASH story\"}")
                .post("/v1/storyboards:preview").then().statusCode(503).body("code", equalTo("PREVIEW_UNAVAILABLE"))
                .body("title", equalTo("故事增强服务暂不可用")).body("detail", equalTo("暂时无法连接故事增强服务，请稍后重试"));
        StatusRuntimeException failed = grpcFailure(writer, SubmitStoryRequest.newBuilder().setText("CRASH story").build());
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failed.getStatus().getDescription()).doesNotContain(FakeEnrichment.SECRET);
    }

    private StoryboardService as(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(storyboards, headers);
    }

    private StatusRuntimeException grpcFailure(String token, SubmitStoryRequest story) {
        PreviewStoryRequest.Builder request = PreviewStoryRequest.newBuilder();
        if (story != null) {
            request.setStory(story);
        }
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> as(token).previewStory(request.build()).await().atMost(Duration.ofSeconds(10)));
    }

    private static java.util.List<String> violations(StatusRuntimeException failure) {
        return StatusProto.fromThrowable(failure).getDetailsList().stream().filter(any -> any.is(BadRequest.class)).flatMap(any -> {
            try {
                return any.unpack(BadRequest.class).getFieldViolationsList().stream();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }).map(BadRequest.FieldViolation::getField).toList();
    }
}
