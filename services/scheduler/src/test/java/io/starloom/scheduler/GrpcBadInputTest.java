package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.RawGrpc;
import io.starloom.proto.v1.CancelStoryRequest;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.StoryServiceGrpc;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.WatchStoryRequest;

/** Requests no generated client sends: bytes that are not protobuf, no message, two messages, oversize ones. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class GrpcBadInputTest {
    private static final Map<MethodDescriptor<?, ?>, Message> CALLS = Map.of(
            StoryServiceGrpc.getSubmitStoryMethod(), SubmitStoryRequest.getDefaultInstance(),
            StoryServiceGrpc.getGetStoryMethod(), GetStoryRequest.getDefaultInstance(),
            StoryServiceGrpc.getListStoriesMethod(), ListStoriesRequest.getDefaultInstance(),
            StoryServiceGrpc.getCancelStoryMethod(), CancelStoryRequest.getDefaultInstance(),
            StoryServiceGrpc.getWatchStoryMethod(), WatchStoryRequest.getDefaultInstance(),
            StoryServiceGrpc.getDownloadFilmMethod(), DownloadFilmRequest.getDefaultInstance());

    @TestHTTPResource("/")
    URL server;

    private RawGrpc grpc;

    @BeforeEach
    void connect() {
        grpc = new RawGrpc(server, Stories.token("grpc-raw", Roles.STORY_WRITER));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        grpc.close();
    }

    /** Seven kinds of broken protobuf for each of the six methods, every one a parse error in protobuf-java. */
    static Stream<Arguments> malformedRequests() {
        return CALLS.entrySet().stream().flatMap(call -> {
            Message request = call.getValue();
            int stringTag = request.getDescriptorForType().getFields().stream().filter(f -> f.getType() == FieldDescriptor.Type.STRING)
                    .findFirst().orElseThrow().getNumber() << 3 | 2;
            Map<String, byte[]> bodies = Map.of(
                    "truncated tag", bytes(0xFF),
                    "length past the end", bytes(0x0A, 0x05),
                    "invalid UTF-8 in a string", bytes(stringTag, 0x02, 0xC3, 0x28),
                    "wire type 7", bytes(0x0F),
                    "tag zero", bytes(0x00),
                    "end-group without a group", bytes(0x0C),
                    "varint of eleven bytes", bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
            return bodies.entrySet().stream().map(body -> Arguments.of(call.getKey().getBareMethodName(), body.getKey(), call.getKey(),
                    request.getDescriptorForType().getFullName(), body.getValue()));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedRequests")
    void aRequestThatIsNotProtobufIsAnInvalidArgumentNamingTheMessage(String method, String kind, MethodDescriptor<?, ?> descriptor,
            String messageName, byte[] body) throws Exception {
        RawGrpc.Closed closed = grpc.call(descriptor, body);
        assertThat(closed.status().getCode()).as(closed.status().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(closed.status().getDescription()).contains(messageName).contains("not valid protobuf");
    }

    @Test
    void aUnaryCallWithoutARequestOrWithTwoIsAnInvalidArgument() throws Exception {
        RawGrpc.Closed none = grpc.call(StoryServiceGrpc.getGetStoryMethod());
        assertThat(none.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(none.status().getDescription()).contains("starloom.v1.GetStoryRequest").contains("none");

        byte[] get = GetStoryRequest.newBuilder().setStoryId("x").build().toByteArray();
        RawGrpc.Closed two = grpc.call(StoryServiceGrpc.getGetStoryMethod(), get, get);
        assertThat(two.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(two.status().getDescription()).contains("starloom.v1.GetStoryRequest").contains("more");

        RawGrpc.Closed valid = grpc.call(StoryServiceGrpc.getGetStoryMethod(), get);
        assertThat(valid.status().getCode()).as("the server still answers well-formed calls").isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aStoryOverTheLimitButUnderTheTransportMaximumIsAFieldViolationNamingTheLimit() throws Exception {
        for (String text : List.of("星".repeat(100_000), "x".repeat(1_000_000))) {
            RawGrpc.Closed closed = grpc.call(StoryServiceGrpc.getSubmitStoryMethod(), submit(text, ""));
            assertThat(closed.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violations(closed)).singleElement().satisfies(violation -> {
                assertThat(violation.getField()).isEqualTo("text");
                assertThat(violation.getDescription()).contains("4000");
            });
        }
    }

    @Test
    void aMessageOverTheTransportMaximumIsResourceExhaustedNamingTheLimit() throws Exception {
        RawGrpc.Closed closed = grpc.call(StoryServiceGrpc.getSubmitStoryMethod(), submit("x".repeat(2 * 1024 * 1024), ""));
        assertThat(closed.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(closed.status().getDescription()).contains("1048576 bytes");

        RawGrpc.Closed next = grpc.call(StoryServiceGrpc.getSubmitStoryMethod(), submit(" ", ""));
        assertThat(next.status().getCode()).as("the server still answers on the same channel").isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void controlCharactersAreFieldViolationsNotInternalErrors() throws Exception {
        RawGrpc.Closed nul = grpc.call(StoryServiceGrpc.getSubmitStoryMethod(), submit("Orion\u0000rises", ""));
        assertThat(nul.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(nul)).extracting(BadRequest.FieldViolation::getField).containsExactly("text");

        RawGrpc.Closed escape = grpc.call(StoryServiceGrpc.getSubmitStoryMethod(), submit("Orion\u001B[31m", "key\u0000"));
        assertThat(escape.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(escape)).extracting(BadRequest.FieldViolation::getField).containsExactly("text", "request_id");
    }

    private static byte[] submit(String text, String requestId) {
        return SubmitStoryRequest.newBuilder().setText(text).setRequestId(requestId).build().toByteArray();
    }

    private static List<BadRequest.FieldViolation> violations(RawGrpc.Closed closed) throws Exception {
        return StatusProto.fromStatusAndTrailers(closed.status(), closed.trailers()).getDetails(0).unpack(BadRequest.class)
                .getFieldViolationsList();
    }

    private static byte[] bytes(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int value : values) {
            out.write(value);
        }
        return out.toByteArray();
    }
}
