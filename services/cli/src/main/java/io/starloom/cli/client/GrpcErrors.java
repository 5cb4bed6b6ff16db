package io.starloom.cli.client;

import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.LocalizedMessage;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/** A gRPC status as one line for people, in the CLI's language, naming the fields at fault from google.rpc.BadRequest details. */
public final class GrpcErrors {
    private GrpcErrors() {
    }

    public static CliException describe(StatusRuntimeException failure, ServerAddress server) {
        return describe(failure, server, CliLanguage.current());
    }

    /**
     * In {@code locale}: the server's google.rpc.LocalizedMessage and each field's localized_message when it sent
     * them (it does when asked in accept-language), its English description otherwise.
     */
    static CliException describe(StatusRuntimeException failure, ServerAddress server, Locale locale) {
        List<String> violations = fieldViolations(failure);
        if (!violations.isEmpty()) {
            return new CliException(CliLanguage.text(locale, "invalid", String.join("; ", violations)), ExitCode.BAD_INPUT, failure);
        }
        Status status = failure.getStatus();
        String detail = localized(failure).orElse(status.getDescription() == null ? status.getCode().name() : status.getDescription());
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new CliException(CliLanguage.text(locale, "invalid", detail), ExitCode.BAD_INPUT, failure);
            case NOT_FOUND -> new CliException(CliLanguage.text(locale, "not_found", detail), ExitCode.BAD_INPUT, failure);
            case UNAUTHENTICATED -> new CliException(CliLanguage.text(locale, "not_signed_in"), ExitCode.FAILED, failure);
            case PERMISSION_DENIED -> new CliException(CliLanguage.text(locale, "forbidden", detail), ExitCode.FAILED, failure);
            case UNAVAILABLE -> new CliException(CliLanguage.text(locale, "unreachable", server,
                    causedBy(failure, ConnectException.class) ? CliLanguage.text(locale, "nothing_answers") : detail), ExitCode.FAILED, failure);
            case DEADLINE_EXCEEDED -> new CliException(CliLanguage.text(locale, "too_slow", server), ExitCode.FAILED, failure);
            default -> new CliException(CliLanguage.text(locale, "other", status.getCode().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    detail), ExitCode.FAILED, failure);
        };
    }

    /** "field: why" for every google.rpc.BadRequest field violation in the status details. */
    static List<String> fieldViolations(StatusRuntimeException failure) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream().filter(detail -> detail.is(BadRequest.class))
                .flatMap(detail -> unpack(detail, BadRequest.class).getFieldViolationsList().stream())
                .map(v -> v.getField() + ": " + (v.hasLocalizedMessage() ? v.getLocalizedMessage().getMessage() : v.getDescription())).toList();
    }

    private static Optional<String> localized(StatusRuntimeException failure) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        return status == null ? Optional.empty() : status.getDetailsList().stream().filter(detail -> detail.is(LocalizedMessage.class))
                .map(detail -> unpack(detail, LocalizedMessage.class).getMessage()).filter(message -> !message.isEmpty()).findFirst();
    }

    private static <M extends Message> M unpack(Any detail, Class<M> type) {
        try {
            return detail.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            return com.google.protobuf.Internal.getDefaultInstance(type);
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
