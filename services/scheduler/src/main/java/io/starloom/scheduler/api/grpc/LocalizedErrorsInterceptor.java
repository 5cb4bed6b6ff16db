package io.starloom.scheduler.api.grpc;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.starloom.scheduler.api.ApiLanguages;
import io.starloom.scheduler.domain.ErrorTexts;

/**
 * Words a call's error status in the language its {@code accept-language} metadata asks for (same rules as
 * REST's Accept-Language). Services answer in English ({@link GrpcErrors#toStatus(Throwable)}) with the
 * failure as the status's cause; when the call asks for another language, the status and its details are
 * built again from that cause as the call closes, whichever thread closes it. A bare refusal of the caller
 * (no token, no role) gets its ErrorInfo and LocalizedMessage here, in any language.
 */
@GlobalInterceptor
@ApplicationScoped
public class LocalizedErrorsInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> ACCEPT_LANGUAGE = Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER);
    /** Where google.rpc.Status travels (io.grpc.protobuf.StatusProto's key); only its name matters for removing it. */
    private static final Metadata.Key<byte[]> STATUS_DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Locale locale = ApiLanguages.negotiate(headers.get(ACCEPT_LANGUAGE));
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                boolean built = trailers.containsKey(STATUS_DETAILS);
                Throwable cause = status.getCause();
                Throwable failure = cause != null && GrpcErrors.localizable(cause) ? cause : built ? null : refusal(status);
                if (failure == null || built && locale.equals(ErrorTexts.ENGLISH)) {
                    super.close(status, trailers);
                    return;
                }
                StatusRuntimeException localized = GrpcErrors.toStatus(failure, locale);
                trailers.removeAll(STATUS_DETAILS);
                trailers.merge(localized.getTrailers());
                super.close(localized.getStatus(), trailers);
            }
        }, headers);
    }

    /** Quarkus refuses a call without a token or role before the service runs, with a bare status: give it its code and words. */
    private static Throwable refusal(Status status) {
        return switch (status.getCode()) {
            case PERMISSION_DENIED -> new ForbiddenException();
            case UNAUTHENTICATED -> new UnauthorizedException();
            default -> null;
        };
    }
}
