package io.starloom.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

class ErrorRenderingTest {
    private static final ServerAddress SERVER = ServerAddress.parse("http://127.0.0.1:8080");

    @Test
    void grpcFieldViolationsNameEveryFieldAndAreBadInput() {
        BadRequest violations = BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("text").setDescription("a story may have at most 4000 characters"))
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("request_id").setDescription("at most 128 characters"))
                .build();
        StatusRuntimeException failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT.getNumber()).setMessage("ignored when fields are named").addDetails(Any.pack(violations)).build());

        CliException error = GrpcErrors.describe(failure, SERVER);

        assertThat(error.getMessage())
                .isEqualTo("invalid request: text: a story may have at most 4000 characters; request_id: at most 128 characters");
        assertThat(error.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void unprocessableResolutionWithFieldDetailsIsBadInputToo() {
        BadRequest violations = BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField("resolution").setDescription("1080p is not offered by this deployment; offered: 480p, 720p")).build();
        StatusRuntimeException failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION.getNumber()).addDetails(Any.pack(violations)).build());

        assertThat(GrpcErrors.describe(failure, SERVER)).hasMessage("invalid request: resolution: 1080p is not offered by this "
                + "deployment; offered: 480p, 720p").satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }

    @Test
    void plainStatusesReadAsSentencesWithTheRightExitCode() {
        assertThat(GrpcErrors.describe(Status.NOT_FOUND.withDescription("no story 42").asRuntimeException(), SERVER))
                .hasMessage("not found: no story 42").satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        assertThat(GrpcErrors.describe(Status.UNAUTHENTICATED.asRuntimeException(), SERVER))
                .hasMessageStartingWith("not signed in").hasMessageContaining("--token").hasMessageContaining("--dev-signing-key")
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED));
        assertThat(GrpcErrors.describe(Status.PERMISSION_DENIED.withDescription("needs story-writer").asRuntimeException(), SERVER))
                .hasMessage("forbidden: needs story-writer").satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED));
        assertThat(GrpcErrors.describe(Status.INTERNAL.withDescription("it has been logged").asRuntimeException(), SERVER))
                .hasMessage("internal: it has been logged").satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED));
    }

    @Test
    void refusedConnectionSaysNothingAnswersAtTheServer() {
        StatusRuntimeException failure = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new RuntimeException(new ConnectException("Connection refused"))).asRuntimeException();

        assertThat(GrpcErrors.describe(failure, SERVER)).hasMessage("cannot reach Starloom at http://127.0.0.1:8080 (nothing answers there)")
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED));
    }

    @Test
    void problemJsonFieldErrorsBecomeOneLine() {
        CliException error = Problems.describe(400, "{\"type\":\"https://starloom.dev/problems/invalid-request\","
                + "\"title\":\"The request is invalid\",\"status\":400,\"detail\":\"style: unknown style 'oil'\","
                + "\"errors\":[{\"field\":\"style\",\"message\":\"unknown style 'oil'; one of cinematic, ink-wash, planetarium\"}]}");

        assertThat(error).hasMessage("The request is invalid: style: unknown style 'oil'; one of cinematic, ink-wash, planetarium");
        assertThat(error.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void problemJsonWithoutFieldsShowsTheDetailAndClassifiesByStatus() {
        CliException notReady = Problems.describe(409,
                "{\"title\":\"Not ready yet\",\"status\":409,\"detail\":\"story 7 has no storyboard yet\"}");
        assertThat(notReady).hasMessage("Not ready yet: story 7 has no storyboard yet");
        assertThat(notReady.exitCode()).isEqualTo(ExitCode.FAILED);

        assertThat(Problems.describe(404, "{\"title\":\"No such story\",\"detail\":\"7\"}").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Problems.describe(401, "")).hasMessageStartingWith("not signed in");
        assertThat(Problems.describe(403, "{\"title\":\"Forbidden\",\"detail\":\"needs story-reader\"}"))
                .hasMessage("forbidden: Forbidden: needs story-reader");
        assertThat(Problems.describe(502, "<html>Bad Gateway</html>")).hasMessage("HTTP 502")
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED));
    }
}
