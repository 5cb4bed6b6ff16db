package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
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
import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.proto.v1.GetSubmissionOptionsRequest;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Priority;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.SubmissionOptions;
import io.starloom.proto.v1.SubmitStoryRequest;

/**
 * What the deployment offers a submission (GET /v1/submission-options, GetSubmissionOptions) and the translation
 * language a story may ask for from it; the test profile offers only en (starloom.submission.translation-languages).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class SubmissionOptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @GrpcClient("stories")
    StoryService stories;

    @Inject
    SentCommands sent;

    @Test
    void theOptionsListWhatTheDeploymentAndTheTenantOffer() {
        given().auth().oauth2(token("offer-a", Roles.STORY_READER)).when().get("/v1/submission-options").then().statusCode(200)
                .body("translationLanguages", equalTo(List.of("en")))
                .body("languages", equalTo(List.of("zh", "en")))
                .body("priorities", equalTo(List.of("standard", "batch")))
                .body("resolutions", equalTo(List.of("480p", "720p")))
                .body("profiles", hasItems("wan2.2-t2v-a14b-480p", "wan2.2-t2v-a14b-720p"))
                .body("styles", hasItems("cinematic", "ink-wash"))
                .body("aspectRatios", equalTo(List.of("16-9", "9-16", "1-1")))
                .body("maxTextLength", equalTo(4000))
                .body("voices", equalTo(List.of("cmn-latn-pinyin", "en-us")));
        given().auth().oauth2(token("fleet-vip", Roles.STORY_WRITER)).when().get("/v1/submission-options").then().statusCode(200)
                .body("priorities", equalTo(List.of("interactive", "standard", "batch")));
        given().when().get("/v1/submission-options").then().statusCode(401);
        given().auth().oauth2(token("offer-a", Roles.REVIEWER)).when().get("/v1/submission-options").then().statusCode(403);

        SubmissionOptions options = as("fleet-vip", Roles.STORY_READER).getSubmissionOptions(GetSubmissionOptionsRequest.getDefaultInstance())
                .await().atMost(WAIT).getOptions();
        assertThat(options.getTranslationLanguagesList()).containsExactly(Language.LANGUAGE_EN);
        assertThat(options.getPrioritiesList()).containsExactly(Priority.PRIORITY_INTERACTIVE, Priority.PRIORITY_STANDARD, Priority.PRIORITY_BATCH);
        assertThat(options.getMaxTextLength()).isEqualTo(4000);
        assertThat(options.getVoicesList()).containsExactly("cmn-latn-pinyin", "en-us");
    }

    @Test
    void aVoiceMustBeOneTheDeploymentOffers() {
        String writer = token("offer-d", Roles.STORY_WRITER);
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("text", "Orion hunts.", "voice", "en-gb")).when().post("/v1/stories")
                .then().statusCode(422).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("voice")).body("errors[0].message", containsString("en-us"));
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("text", "猎户座在冬夜狩猎。", "voice", "cmn-latn-pinyin"))
                .when().post("/v1/stories").then().statusCode(202).body("voice", equalTo("cmn-latn-pinyin"));

        Throwable thrown = catchThrowable(() -> as("offer-d", Roles.STORY_WRITER)
                .submitStory(SubmitStoryRequest.newBuilder().setText("Orion hunts.").setVoice("en-gb").build()).await().atMost(WAIT));
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        assertThat(((StatusRuntimeException) thrown).getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(violatedFields((StatusRuntimeException) thrown)).containsExactly("voice");
    }

    @Test
    void aTranslationMustBeOfferedAndNotTheStorysOwnLanguage() {
        String writer = token("offer-b", Roles.STORY_WRITER);
        record Bad(Map<String, Object> body, int status) {
        }
        for (Bad bad : List.of(new Bad(Map.of("text", "Orion.", "translationLanguage", "klingon"), 400),
                // Offered, but it is the story's own language: as given, and as detected.
                new Bad(Map.of("text", "Orion hunts.", "language", "en", "translationLanguage", "en"), 422),
                new Bad(Map.of("text", "Orion hunts in the winter sky.", "translationLanguage", "en"), 422),
                // Not offered here.
                new Bad(Map.of("text", "Orion hunts.", "language", "en", "translationLanguage", "zh"), 422))) {
            given().auth().oauth2(writer).contentType(ContentType.JSON).body(bad.body()).when().post("/v1/stories")
                    .then().statusCode(bad.status()).contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("translationLanguage"));
        }

        String id = given().auth().oauth2(writer).contentType(ContentType.JSON)
                .body(Map.of("text", "猎户座在冬夜的原野上狩猎。", "translationLanguage", "en")).when().post("/v1/stories")
                .then().statusCode(202).body("translationLanguage", equalTo("en")).extract().path("id");
        given().auth().oauth2(writer).when().get("/v1/stories/" + id).then().statusCode(200).body("translationLanguage", equalTo("en"));
        Awaitility.await().atMost(WAIT).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, id).isEmpty());
        EnrichStoryCommand command = sent.parsed(Queues.ENRICHMENT_REQUESTS, id, EnrichStoryCommand::parseFrom).get(0);
        assertThat(command.getOptions().getTranslationLanguage()).isEqualTo(Language.LANGUAGE_EN);

        String plain = Stories.submit(writer, "Orion hunts.");
        given().auth().oauth2(writer).when().get("/v1/stories/" + plain).then().statusCode(200).body("translationLanguage", equalTo(null));
        Awaitility.await().atMost(WAIT).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, plain).isEmpty());
        assertThat(sent.parsed(Queues.ENRICHMENT_REQUESTS, plain, EnrichStoryCommand::parseFrom).get(0).getOptions().getTranslationLanguage())
                .isEqualTo(Language.LANGUAGE_UNSPECIFIED);
    }

    @Test
    void grpcRefusesAnUnofferedTranslationNamingTheField() {
        StoryService writer = as("offer-c", Roles.STORY_WRITER);
        record Bad(SubmitStoryRequest request, Status.Code code) {
        }
        // As everywhere in StoryService, a well-formed request the deployment cannot serve (REST 422) is FAILED_PRECONDITION.
        for (Bad bad : List.of(
                new Bad(SubmitStoryRequest.newBuilder().setText("Orion hunts.").setLanguage(Language.LANGUAGE_EN)
                        .setTranslationLanguage(Language.LANGUAGE_ZH).build(), Status.Code.FAILED_PRECONDITION),
                new Bad(SubmitStoryRequest.newBuilder().setText("Orion hunts.").setTranslationLanguage(Language.LANGUAGE_EN).build(),
                        Status.Code.FAILED_PRECONDITION),
                new Bad(SubmitStoryRequest.newBuilder().setText("Orion hunts.").setTranslationLanguageValue(77).build(),
                        Status.Code.INVALID_ARGUMENT))) {
            Throwable thrown = catchThrowable(() -> writer.submitStory(bad.request()).await().atMost(WAIT));
            assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
            StatusRuntimeException error = (StatusRuntimeException) thrown;
            assertThat(error.getStatus().getCode()).isEqualTo(bad.code());
            assertThat(violatedFields(error)).containsExactly("translation_language");
        }
        assertThat(writer.submitStory(SubmitStoryRequest.newBuilder().setText("猎户座在冬夜狩猎。").setTranslationLanguage(Language.LANGUAGE_EN)
                .build()).await().atMost(WAIT).getStory().getTranslationLanguage()).isEqualTo(Language.LANGUAGE_EN);
    }

    private StoryService as(String tenant, String... roles) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token(tenant, roles));
        return GrpcClientUtils.attachHeaders(stories, headers);
    }

    private static List<String> violatedFields(StatusRuntimeException error) {
        try {
            return StatusProto.fromThrowable(error).getDetailsList().get(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                    .map(BadRequest.FieldViolation::getField).toList();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
