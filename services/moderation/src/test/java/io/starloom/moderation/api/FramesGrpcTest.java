package io.starloom.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.CheckFramesRequest;
import io.starloom.proto.v1.CheckFramesResponse;
import io.starloom.proto.v1.ModerationService;
import io.starloom.proto.v1.Verdict;

/** CheckFrames over gRPC with the real nsfwjs model: our own images pass, bad requests name the bad field. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class FramesGrpcTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient
    ModerationService moderation;

    private ModerationService as(String role) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + DevStackTestResource.stack().mintToken("tester", "tenant-a", Set.of(role)));
        return GrpcClientUtils.attachHeaders(moderation, headers);
    }

    private static ByteString png(String name) throws IOException {
        try (InputStream in = FramesGrpcTest.class.getResourceAsStream("/nsfwjs-parity/" + name)) {
            return ByteString.readFrom(in);
        }
    }

    @Test
    void ourOwnImagesAreAllowed() throws IOException {
        CheckFramesResponse response = as(Roles.STORY_WRITER).checkFrames(CheckFramesRequest.newBuilder()
                .addFrames(png("night-sky.png")).addFrames(png("line-art.png")).addFrames(png("ink-wash.png")).build())
                .await().atMost(TIMEOUT);

        assertThat(response.getVerdict()).isEqualTo(Verdict.VERDICT_ALLOW);
        assertThat(response.getFindingsList()).isEmpty();
        assertThat(response.getCategoriesList()).isEmpty();
    }

    @Test
    void noFramesAndTooManyFramesAreInvalidArguments() throws IOException {
        assertInvalid(CheckFramesRequest.getDefaultInstance(), "frames");
        assertInvalid(CheckFramesRequest.newBuilder().addAllFrames(Collections.nCopies(FrameImages.MAX_FRAMES + 1, png("line-art.png"))).build(),
                "frames");
        assertInvalid(CheckFramesRequest.newBuilder().addFrames(png("line-art.png")).addFrames(png("line-art.png").substring(0, 100)).build(),
                "frames[1]");
    }

    @Test
    void withoutATokenTheCallIsRefused() throws IOException {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> moderation.checkFrames(CheckFramesRequest.newBuilder().addFrames(png("line-art.png")).build()).await().atMost(TIMEOUT));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    private void assertInvalid(CheckFramesRequest request, String field) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> as(Roles.REVIEWER).checkFrames(request).await().atMost(TIMEOUT));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest badRequest;
        try {
            badRequest = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException invalid) {
            throw new AssertionError(invalid);
        }
        assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField).isEqualTo(List.of(field));
    }
}
