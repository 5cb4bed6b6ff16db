package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.SubmitStoryRequest;

/**
 * Submitting an edited storyboard: checked by enrichment's gRPC before anything is stored (a refusal is a 400 /
 * INVALID_ARGUMENT naming storyboard.shots[i].prompt, and no story exists), kept on the story, and sent in the
 * enrichment command. Against FakeEnrichment; the system test StoryboardPreviewIT films an edit with the real mesh.
 */
@QuarkusTest
@TestProfile(StoryboardPreviewTest.WithEnrichment.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class EditedStoryboardSubmissionTest {
    private static final Storyboard EDIT = Storyboard.newBuilder().setTitle("edited")
            .addShots(Shot.newBuilder().setPrompt("the magpie bridge at dawn").setNarration("鹊桥相会。"))
            .addShots(Shot.newBuilder().setPrompt("the Weaver Girl at her loom").setNarration("织女织布。")).build();

    @Inject
    SentCommands sent;

    @GrpcClient("stories")
    StoryService stories;

    @Test
    void anEditPostedAsAPreviewPrintsItIsSentToEnrichmentWithTheStory() throws Exception {
        String writer = Stories.token("edit-rest", Roles.STORY_WRITER);
        String body = "{\"text\":\"织女星与牛郎星隔着银河相望。\",\"storyboard\":" + JsonFormat.printer().print(EDIT) + "}";
        String id = given().auth().oauth2(writer).contentType("application/json").body(body).post("/v1/stories")
                .then().statusCode(202).extract().path("id");
        assertThat(FakeEnrichment.LAST_AUTHORIZATION.get()).as("the edit is checked with the caller's token").isEqualTo("Bearer " + writer);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, id).isEmpty());
        EnrichStoryCommand command = sent.parsed(Queues.ENRICHMENT_REQUESTS, id, EnrichStoryCommand::parseFrom).get(0);
        assertThat(command.getEditedStoryboard().getShotsList()).extracting(Shot::getPrompt)
                .containsExactly("the magpie bridge at dawn", "the Weaver Girl at her loom");
        assertThat(command.getText()).isEqualTo("织女星与牛郎星隔着银河相望。");
        assertThat(command.getShotSeconds()).as("81 frames at 16 fps of the 720p profile").isEqualTo(5);
    }

    @Test
    void aRefusedEditIs400WithItsPathAndNothingIsStored() throws Exception {
        String writer = Stories.token("edit-refused", Roles.STORY_WRITER);
        Storyboard bad = EDIT.toBuilder().setShots(1, EDIT.getShots(1).toBuilder().setPrompt("REFUSE: draw something else")).build();
        String body = "{\"text\":\"Vega shines.\",\"storyboard\":" + JsonFormat.printer().print(bad) + "}";
        given().auth().oauth2(writer).contentType("application/json").body(body).post("/v1/stories")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("storyboard.shots[1].prompt"));
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"Vega shines.\",\"storyboard\":{\"scenes\":[]}}")
                .post("/v1/stories").then().statusCode(400).body("errors.field", hasItem("storyboard"));
        given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"Vega shines.\",\"storyboard\":[1]}")
                .post("/v1/stories").then().statusCode(400).body("errors.field", hasItem("storyboard"));

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> as(writer).submitStory(
                SubmitStoryRequest.newBuilder().setText("Vega shines.").setStoryboard(bad).build()).await().atMost(Duration.ofSeconds(10)));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(refused)).containsExactly("storyboard.shots[1].prompt");
        assertThat(given().auth().oauth2(writer).get("/v1/stories").then().statusCode(200).extract().jsonPath().getList("stories"))
                .as("a refused edit stores no story").isNullOrEmpty();
    }

    @Test
    void anEditOverGrpcIsSentToEnrichment() {
        String writer = Stories.token("edit-grpc", Roles.STORY_WRITER);
        String id = as(writer).submitStory(SubmitStoryRequest.newBuilder().setText("Orion hunts.").setStoryboard(EDIT).build())
                .await().atMost(Duration.ofSeconds(10)).getStory().getId();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, id).isEmpty());
        assertThat(sent.parsed(Queues.ENRICHMENT_REQUESTS, id, EnrichStoryCommand::parseFrom).get(0).getEditedStoryboard()).isEqualTo(EDIT);
    }

    @Test
    void aSubmissionWithoutAnEditDoesNotAskEnrichment() {
        String writer = Stories.token("edit-none", Roles.STORY_WRITER);
        int before = FakeEnrichment.CALLS.get();
        String id = given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"Vega shines.\"}").post("/v1/stories")
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, id).isEmpty());
        assertThat(sent.parsed(Queues.ENRICHMENT_REQUESTS, id, EnrichStoryCommand::parseFrom).get(0).hasEditedStoryboard()).isFalse();
        assertThat(FakeEnrichment.CALLS.get()).isEqualTo(before);
    }

    private StoryService as(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(stories, headers);
    }

    private static List<String> violations(StatusRuntimeException failure) {
        return StatusProto.fromThrowable(failure).getDetailsList().stream().filter(any -> any.is(BadRequest.class)).flatMap(any -> {
            try {
                return any.unpack(BadRequest.class).getFieldViolationsList().stream();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }).map(BadRequest.FieldViolation::getField).toList();
    }
}
