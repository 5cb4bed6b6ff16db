package io.starloom.moderation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.RawGrpc;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.CheckFramesRequest;
import io.starloom.proto.v1.CheckTextRequest;
import io.starloom.proto.v1.CheckTextResponse;
import io.starloom.proto.v1.ModerationService;
import io.starloom.proto.v1.ModerationServiceGrpc;
import io.starloom.proto.v1.Verdict;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ModerationGrpcServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient
    ModerationService moderation;

    private ModerationService as(String role) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + DevStackTestResource.stack().mintToken("tester", "tenant-a", Set.of(role)));
        return GrpcClientUtils.attachHeaders(moderation, headers);
    }

    private static CheckTextRequest text(String text) {
        return CheckTextRequest.newBuilder().setText(text).build();
    }

    @ParameterizedTest
    @ValueSource(strings = { Roles.STORY_WRITER, Roles.STORY_READER, Roles.REVIEWER })
    void everyStoryRoleMayCheckText(String role) {
        CheckTextResponse response = as(role).checkText(text("Orion strides across the winter plain.")).await().atMost(TIMEOUT);
        assertEquals(Verdict.VERDICT_ALLOW, response.getVerdict());
        assertEquals(0, response.getFindingsCount());
    }

    @Test
    void forbiddenTextIsBlockedWithItsSpan() {
        CheckTextResponse response = as(Roles.STORY_WRITER).checkText(text("夜空下出现色 情画面")).await().atMost(TIMEOUT);
        assertEquals(Verdict.VERDICT_BLOCK, response.getVerdict());
        assertEquals(Category.CATEGORY_SEXUAL, response.getFindings(0).getCategory());
        assertEquals(5, response.getFindings(0).getStart());
        assertEquals(8, response.getFindings(0).getEnd());
        assertEquals(Verdict.VERDICT_BLOCK, response.getFindings(0).getAction());
        assertTrue(response.getFindings(0).getReason().startsWith("色情内容"), response.getFindings(0).getReason());
    }

    @Test
    void aReviewCaseIsReviewUnderTheCallersTenantPolicy() {
        CheckTextRequest nude = text("A marble statue of a nude Apollo.");
        assertEquals(Verdict.VERDICT_REVIEW, as(Roles.STORY_WRITER).checkText(nude).await().atMost(TIMEOUT).getVerdict());
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + DevStackTestResource.stack().mintToken("curator", "museum", Set.of(Roles.STORY_WRITER)));
        assertEquals(Verdict.VERDICT_ALLOW, GrpcClientUtils.attachHeaders(moderation, headers).checkText(nude).await().atMost(TIMEOUT).getVerdict());
    }

    @Test
    void withoutATokenTheCallIsUnauthenticated() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> moderation.checkText(text("Orion")).await().atMost(TIMEOUT));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void aRoleWithoutAccessIsDenied() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> as("guest").checkText(text("Orion")).await().atMost(TIMEOUT));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void emptyTextIsAnInvalidArgumentNamingTheField() throws InvalidProtocolBufferException {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> as(Roles.REVIEWER).checkText(text("  ")).await().atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        BadRequest badRequest = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        assertEquals(List.of("text"), badRequest.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList());
    }

    @Test
    void aFrameThatIsNoImageIsAnInvalidArgumentNamingIt() throws InvalidProtocolBufferException {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as(Roles.REVIEWER)
                .checkFrames(CheckFramesRequest.newBuilder().addFrames(ByteString.copyFromUtf8("png")).build()).await().atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        BadRequest badRequest = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        assertEquals(List.of("frames[0]"), badRequest.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList());
    }

    @Test
    void healthChecksTheBrokerAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Messaging")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @TestHTTPResource("/")
    URL server;

    @Test
    void aBodyThatIsNoRequestMessageIsInvalidArgumentNamingTheType() throws Exception {
        try (RawGrpc grpc = new RawGrpc(server, DevStackTestResource.stack().mintToken("raw", "tenant-a", Set.of(Roles.STORY_WRITER)))) {
            Status status = grpc.call(ModerationServiceGrpc.getCheckTextMethod(), new byte[] { (byte) 0xFF, 0x01 }).status();
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), String.valueOf(status));
            assertTrue(status.getDescription().contains("starloom.v1.CheckTextRequest"), status.getDescription());
        }
    }
}
