package io.starloom.scheduler.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.RetryInfo;

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
import io.restassured.response.Response;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.StoryService;

/** Per-tenant budgets: 429 with Retry-After over REST, RESOURCE_EXHAUSTED with RetryInfo over gRPC; tenants apart. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBudgets.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class RateLimitTest {
    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("starloom.limits.submission-capacity", "2", "starloom.limits.submission-period", "1H",
                    "starloom.limits.call-capacity", "6", "starloom.limits.call-period", "1H");
        }
    }

    @GrpcClient("stories")
    StoryService stories;

    @Test
    void submissionsBeyondTheBudgetAre429WithRetryAfter() {
        String writer = token("limited-writes", Roles.STORY_WRITER);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"Orion " + i + "\"}").post("/v1/stories")
                    .then().statusCode(202);
        }
        Response refused = given().auth().oauth2(writer).contentType("application/json").body("{\"text\":\"Orion 3\"}").post("/v1/stories");
        refused.then().statusCode(429).contentType(containsString("application/problem+json")).body("status", equalTo(429))
                .body("detail", containsString("story submissions")).body("code", equalTo("RATE_LIMITED_SUBMISSIONS"));
        given().auth().oauth2(writer).header("Accept-Language", "zh-CN").contentType("application/json").body("{\"text\":\"Orion 4\"}")
                .post("/v1/stories").then().statusCode(429).header("Content-Language", "zh").header("Retry-After", notNullValue())
                .body("code", equalTo("RATE_LIMITED_SUBMISSIONS")).body("title", equalTo("请求过于频繁"))
                .body("detail", startsWith("该租户提交故事的次数已达上限；请在 "));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // 2 per hour: the next one is refilled within 30 minutes.
        assertThat(retryAfter).isBetween(1L, Duration.ofMinutes(30).toSeconds() + 1);
        // Another tenant's budget is its own.
        given().auth().oauth2(token("other-writes", Roles.STORY_WRITER)).contentType("application/json").body("{\"text\":\"Vega\"}")
                .post("/v1/stories").then().statusCode(202);
    }

    @Test
    void readsBeyondTheBudgetAre429OverRestAndResourceExhaustedOverGrpc() throws Exception {
        String reader = token("limited-reads", Roles.STORY_READER);
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(reader).get("/v1/stories").then().statusCode(200);
        }
        given().auth().oauth2(reader).get("/v1/stories").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + reader);
        headers.put(Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER), "zh");
        StatusRuntimeException failure = null;
        try {
            GrpcClientUtils.attachHeaders(stories, headers).listStories(ListStoriesRequest.getDefaultInstance()).await().atMost(Duration.ofSeconds(10));
        } catch (StatusRuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        RetryInfo retry = StatusProto.fromThrowable(failure).getDetailsList().get(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isPositive();
        assertThat(StatusProto.fromThrowable(failure).getDetailsList().stream().filter(any -> any.is(ErrorInfo.class)).findFirst()
                .orElseThrow().unpack(ErrorInfo.class).getReason()).isEqualTo("RATE_LIMITED_CALLS");
        LocalizedMessage chinese = StatusProto.fromThrowable(failure).getDetailsList().stream().filter(any -> any.is(LocalizedMessage.class))
                .findFirst().orElseThrow().unpack(LocalizedMessage.class);
        assertThat(chinese.getLocale()).isEqualTo("zh");
        assertThat(chinese.getMessage()).startsWith("该租户的 API 调用次数已达上限；请在 ");
        given().auth().oauth2(token("unlimited-neighbour", Roles.STORY_READER)).get("/v1/stories").then().statusCode(200);
    }

    @Test
    void aBodyOverTheRequestSizeLimitIsRefusedBeforeItIsRead() {
        String huge = "{\"text\":\"" + "a".repeat(3 << 20) + "\"}";
        given().auth().oauth2(token("big-bodies", Roles.STORY_WRITER)).contentType("application/json").body(huge).post("/v1/stories")
                .then().statusCode(413);
    }

    private static String token(String tenant, String... roles) {
        return DevStackTestResource.stack().mintToken("tester", tenant, Set.of(roles));
    }
}
