package io.starloom.cli.client;

import java.net.ConnectException;
import java.util.List;
import java.util.Locale;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/** A gRPC status as one line for people, naming the fields at fault from google.rpc.BadRequest details. */
public final class GrpcErrors {
    static final String SIGN_IN_HINT = "pass --token (env STARLOOM_TOKEN), or for a local stack --dev-signing-key with --issuer";

    private GrpcErrors() {
    }

    public static CliException describe(StatusRuntimeException failure, ServerAddress server) {
        List<String> violations = fieldViolations(failure);
        if (!violations.isEmpty()) {
            return new CliException("invalid request: " + String.join("; ", violations), ExitCode.BAD_INPUT, failure);
        }
        Status status = failure.getStatus();
        String detail = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new CliException("invalid request: " + detail, ExitCode.BAD_INPUT, failure);
            case NOT_FOUND -> new CliException("not found: " + detail, ExitCode.BAD_INPUT, failure);
            case UNAUTHENTICATED -> new CliException("not signed in: the server refused the call without a valid token; "
                    + SIGN_IN_HINT, ExitCode.FAILED, failure);
            case PERMISSION_DENIED -> new CliException("forbidden: " + detail, ExitCode.FAILED, failure);
            case UNAVAILABLE -> new CliException("cannot reach Starloom at " + server + " ("
                    + (causedBy(failure, ConnectException.class) ? "nothing answers there" : detail) + ")", ExitCode.FAILED, failure);
            case DEADLINE_EXCEEDED -> new CliException("Starloom at " + server + " did not answer in time", ExitCode.FAILED, failure);
            default -> new CliException(status.getCode().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + detail,
                    ExitCode.FAILED, failure);
        };
    }

    /** "field: why" for every google.rpc.BadRequest field violation in the status details. */
    static List<String> fieldViolations(StatusRuntimeException failure) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream().filter(detail -> detail.is(BadRequest.class))
                .flatMap(detail -> unpack(detail).getFieldViolationsList().stream())
                .map(v -> v.getField() + ": " + v.getDescription()).toList();
    }

    private static BadRequest unpack(Any detail) {
        try {
            return detail.unpack(BadRequest.class);
        } catch (InvalidProtocolBufferException e) {
            return BadRequest.getDefaultInstance();
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
