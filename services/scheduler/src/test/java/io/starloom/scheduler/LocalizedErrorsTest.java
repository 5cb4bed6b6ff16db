package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.SubmitStoryRequest;

/**
 * Errors in the caller's language, over the wire: the same bad request asked in Chinese (Accept-Language / gRPC
 * accept-language) and in English (or without asking) names the same fields and codes, in the language asked for.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class LocalizedErrorsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, Object> BAD = Map.of("text", "  ", "targetSeconds", 1);

    @GrpcClient("stories")
    StoryService stories;

    @Test
    void theSameBadSubmissionHasTheSameCodesInChineseAndEnglish() {
        String writer = Stories.token("i18n", Roles.STORY_WRITER);
        JsonPath zh = submitBad(given().auth().oauth2(writer).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"), "zh");
        JsonPath en = submitBad(given().auth().oauth2(writer).header("Accept-Language", "en-US"), "en");
        JsonPath none = submitBad(given().auth().oauth2(writer), "en");

        for (JsonPath problem : List.of(zh, en, none)) {
            assertThat(problem.getString("code")).isEqualTo("INVALID_REQUEST");
            assertThat(problem.getList("errors.field")).containsExactly("text", "targetSeconds");
            assertThat(problem.getList("errors.code")).containsExactly("TEXT_REQUIRED", "TARGET_SECONDS_OUT_OF_RANGE");
        }
        assertThat(zh.getString("title")).isEqualTo("请求无效");
        assertThat(zh.getList("errors.message")).containsExactly("故事内容（text）不能为空", "影片时长（targetSeconds）须为 5 到 300 秒");
        assertThat(zh.getString("detail")).isEqualTo("text: 故事内容（text）不能为空; targetSeconds: 影片时长（targetSeconds）须为 5 到 300 秒");
        assertThat(en.getString("title")).isEqualTo("The request is invalid");
        assertThat(en.getList("errors.message")).containsExactly("a story is required and must not be blank", "a film length from 5 to 300 seconds");
        assertThat(none.getList("errors.message")).isEqualTo(en.getList("errors.message"));
        assertThat(none.getString("detail")).isEqualTo(en.getString("detail"));
    }

    @Test
    void qValuesRankAndUnknownLanguagesFallBackToEnglish() {
        String writer = Stories.token("i18n", Roles.STORY_WRITER);
        assertThat(submitBad(given().auth().oauth2(writer).header("Accept-Language", "en;q=0.5, zh-Hans;q=0.9"), "zh")
                .getString("errors[0].message")).isEqualTo("故事内容（text）不能为空");
        assertThat(submitBad(given().auth().oauth2(writer).header("Accept-Language", "zh;q=0, fr"), "en")
                .getString("errors[0].message")).isEqualTo("a story is required and must not be blank");
    }

    @Test
    void otherProblemsAreLocalizedToo() {
        String reader = Stories.token("i18n", Roles.STORY_READER);
        String missing = UUID.randomUUID().toString();
        given().auth().oauth2(reader).header("Accept-Language", "zh").get("/v1/stories/" + missing)
                .then().statusCode(404).header("Content-Language", "zh").body("code", equalTo("STORY_NOT_FOUND"))
                .body("title", equalTo("找不到该故事")).body("detail", equalTo("找不到故事 " + missing));
        given().auth().oauth2(reader).get("/v1/stories/" + missing)
                .then().statusCode(404).header("Content-Language", "en").body("code", equalTo("STORY_NOT_FOUND"))
                .body("detail", equalTo("no story " + missing));
        given().auth().oauth2(Stories.token("i18n", Roles.STORY_WRITER)).header("Accept-Language", "zh-TW").contentType(ContentType.JSON)
                .body("{\"text\": ").post("/v1/stories").then().statusCode(400).header("Content-Language", "zh")
                .body("errors[0].field", equalTo("body")).body("errors[0].code", containsString("JSON_MALFORMED"))
                .body("errors[0].message", containsString("JSON 格式错误"));
        given().auth().oauth2(Stories.token("i18n", Roles.STORY_WRITER)).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body(Map.of("text", "Vega", "colour", "red")).post("/v1/stories").then().statusCode(400)
                .body("errors.field", contains("colour")).body("errors.code", hasItem("JSON_UNKNOWN_FIELD"))
                .body("errors[0].message", containsString("不是此请求的字段"));
        given().auth().oauth2(reader).header("Accept-Language", "zh").contentType(ContentType.JSON).body(Map.of("text", "Vega"))
                .post("/v1/stories").then().statusCode(403).body("code", equalTo("ROLE_MISSING"))
                .body("detail", equalTo("令牌缺少此操作所需的角色"));
    }

    @Test
    void grpcInvalidArgumentCarriesTheLocalizedMessageAndFieldViolations() {
        String writer = Stories.token("i18n-grpc", Roles.STORY_WRITER);
        SubmitStoryRequest bad = SubmitStoryRequest.newBuilder().setText(" ").setRequestId("r".repeat(200)).build();
        StatusRuntimeException zh = failure(() -> as(writer, "zh").submitStory(bad).await().atMost(WAIT));
        StatusRuntimeException en = failure(() -> as(writer, "en").submitStory(bad).await().atMost(WAIT));
        StatusRuntimeException none = failure(() -> as(writer, null).submitStory(bad).await().atMost(WAIT));

        for (StatusRuntimeException failure : List.of(zh, en, none)) {
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            // AIP-193: the status message and each description are for developers, in English.
            assertThat(failure.getStatus().getDescription()).contains("a story is required and must not be blank");
            ErrorInfo info = detail(failure, ErrorInfo.class);
            assertThat(info.getReason()).isEqualTo("INVALID_REQUEST");
            assertThat(info.getDomain()).isEqualTo("starloom.io");
            List<BadRequest.FieldViolation> violations = detail(failure, BadRequest.class).getFieldViolationsList();
            assertThat(violations).extracting(BadRequest.FieldViolation::getField).containsExactly("text", "request_id");
            assertThat(violations).extracting(BadRequest.FieldViolation::getReason).containsExactly("TEXT_REQUIRED", "REQUEST_ID_TOO_LONG");
            assertThat(violations.get(0).getDescription()).isEqualTo("a story is required and must not be blank");
        }
        LocalizedMessage chinese = detail(zh, LocalizedMessage.class);
        assertThat(chinese.getLocale()).isEqualTo("zh");
        assertThat(chinese.getMessage()).contains("故事内容（text）不能为空").contains("请求标识（requestId）最多 128 个字符");
        assertThat(detail(zh, BadRequest.class).getFieldViolations(0).getLocalizedMessage())
                .isEqualTo(LocalizedMessage.newBuilder().setLocale("zh").setMessage("故事内容（text）不能为空").build());
        assertThat(detail(en, LocalizedMessage.class).getLocale()).isEqualTo("en");
        assertThat(detail(en, LocalizedMessage.class).getMessage()).contains("a story is required and must not be blank");
        assertThat(detail(none, LocalizedMessage.class)).isEqualTo(detail(en, LocalizedMessage.class));
    }

    @Test
    void grpcErrorsRaisedAfterTheDatabaseAnswersAreLocalizedAsWell() {
        String reader = Stories.token("i18n-grpc", Roles.STORY_READER);
        String missing = UUID.randomUUID().toString();
        StatusRuntimeException notFound = failure(() -> as(reader, "zh-CN").getStory(GetStoryRequest.newBuilder().setStoryId(missing).build())
                .await().atMost(WAIT));
        assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(notFound.getStatus().getDescription()).isEqualTo("no story " + missing);
        assertThat(detail(notFound, ErrorInfo.class).getReason()).isEqualTo("STORY_NOT_FOUND");
        assertThat(detail(notFound, LocalizedMessage.class).getMessage()).isEqualTo("找不到故事 " + missing);
    }

    @Test
    void grpcRefusalsOfTheCallerAreLocalized() {
        String reader = Stories.token("i18n-grpc", Roles.STORY_READER);
        StatusRuntimeException denied = failure(() -> as(reader, "zh").submitStory(SubmitStoryRequest.newBuilder().setText("Vega").build())
                .await().atMost(WAIT));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(detail(denied, ErrorInfo.class).getReason()).isEqualTo("ROLE_MISSING");
        assertThat(detail(denied, LocalizedMessage.class).getMessage()).isEqualTo("令牌缺少此操作所需的角色");
        StatusRuntimeException inEnglish = failure(() -> as(reader, null).submitStory(SubmitStoryRequest.newBuilder().setText("Vega").build())
                .await().atMost(WAIT));
        assertThat(detail(inEnglish, ErrorInfo.class).getReason()).isEqualTo("ROLE_MISSING");
        assertThat(detail(inEnglish, LocalizedMessage.class).getMessage()).isEqualTo("the token lacks the role this operation needs");
    }

    private static JsonPath submitBad(RequestSpecification request, String language) {
        return request.contentType(ContentType.JSON).body(BAD).post("/v1/stories").then().statusCode(400)
                .contentType(containsString("application/problem+json")).header("Content-Language", language).extract().jsonPath();
    }

    private StoryService as(String token, String acceptLanguage) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        if (acceptLanguage != null) {
            headers.put(Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER), acceptLanguage);
        }
        return GrpcClientUtils.attachHeaders(stories, headers);
    }

    private static StatusRuntimeException failure(Supplier<?> call) {
        StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call::get);
        assertThat(failure).isNotNull();
        return failure;
    }

    private static <M extends Message> M detail(StatusRuntimeException failure, Class<M> type) {
        Any any = StatusProto.fromThrowable(failure).getDetailsList().stream().filter(d -> d.is(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + failure));
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
