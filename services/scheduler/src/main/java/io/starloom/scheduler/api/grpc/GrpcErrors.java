package io.starloom.scheduler.api.grpc;

import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.domain.EnrichmentUnavailableException;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.ErrorTexts;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.LocalizedException;
import io.starloom.scheduler.domain.ReviewDecidedException;
import io.starloom.scheduler.domain.ReviewNotFoundException;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.fleet.PriorityNotAllowedException;
import io.starloom.scheduler.fleet.QuotaExceededException;
import io.starloom.scheduler.limits.RateLimitedException;
import io.starloom.scheduler.webhooks.domain.WebhookNotFoundException;

/**
 * Domain failures as gRPC statuses after AIP-193: the status message in English for developers, a
 * google.rpc.ErrorInfo with the stable reason (domain {@value #DOMAIN}), a google.rpc.LocalizedMessage in
 * the caller's language, and the kind's own details first (BadRequest with each field's reason and localized
 * message, QuotaFailure, RetryInfo).
 */
final class GrpcErrors {
    /** ErrorInfo.domain: the service that decided, as AIP-193 asks. */
    static final String DOMAIN = "starloom.io";
    /** Longest text in a status detail, in characters. */
    static final int MAX_TEXT = 240;
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /**
     * The failure as a status in English; the status keeps the failure as its cause, so that
     * {@link LocalizedErrorsInterceptor} can word it again in the language the call asks for.
     */
    static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        StatusRuntimeException status = toStatus(failure, ErrorTexts.ENGLISH);
        if (status.getStatus().getCode() == Status.Code.INTERNAL) {
            LOG.error("unexpected gRPC failure", failure);
        }
        return status;
    }

    static StatusRuntimeException toStatus(Throwable failure, Locale locale) {
        com.google.rpc.Status proto = proto(failure, locale);
        // The domain's description in full (StatusMessageInterceptor cuts the grpc-message trailer to its own limit).
        boolean domain = failure instanceof LocalizedException || failure instanceof InvalidRequestException;
        return Status.fromCodeValue(proto.getCode()).withDescription(domain ? failure.getMessage() : proto.getMessage()).withCause(failure)
                .asRuntimeException(StatusProto.toStatusRuntimeException(proto).getTrailers());
    }

    /** Whether {@link #toStatus(Throwable, Locale)} words this failure in more than one language. */
    static boolean localizable(Throwable failure) {
        return failure instanceof LocalizedException || failure instanceof InvalidRequestException
                || failure instanceof ForbiddenException || failure instanceof UnauthorizedException;
    }

    private static com.google.rpc.Status proto(Throwable failure, Locale locale) {
        if (failure instanceof InvalidRequestException invalid) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            invalid.errors().forEach(e -> badRequest.addFieldViolations(violation(snake(e.field()), e, locale)));
            return status(invalid.unprocessable() ? Code.FAILED_PRECONDITION : Code.INVALID_ARGUMENT, Any.pack(badRequest.build()),
                    invalid.unprocessable() ? "UNPROCESSABLE_REQUEST" : "INVALID_REQUEST", invalid.getMessage(), invalid.detail(locale), locale);
        }
        if (failure instanceof PriorityNotAllowedException priority) {
            return status(Code.PERMISSION_DENIED, Any.pack(BadRequest.newBuilder()
                    .addFieldViolations(violation(priority.error().field(), priority.error(), locale)).build()), priority, locale);
        }
        if (failure instanceof QuotaExceededException quota) {
            return status(Code.RESOURCE_EXHAUSTED, Any.pack(QuotaFailure.newBuilder().addViolations(QuotaFailure.Violation.newBuilder()
                    .setSubject(quota.subject()).setDescription(quota.quota() + ": " + quota.getMessage())).build()), quota, locale).toBuilder()
                    .addDetails(1, retry(quota.retryAfterSeconds())).build();
        }
        if (failure instanceof RateLimitedException limited) {
            // google.rpc.RetryInfo tells clients when to come back, as Retry-After does over REST.
            return status(Code.RESOURCE_EXHAUSTED, retry(limited.retryAfterSeconds()), limited, locale);
        }
        if (failure instanceof StoryNotFoundException || failure instanceof ReviewNotFoundException || failure instanceof WebhookNotFoundException) {
            return status(Code.NOT_FOUND, null, (LocalizedException) failure, locale);
        }
        if (failure instanceof StoryNotReadyException || failure instanceof ReviewDecidedException) {
            return status(Code.FAILED_PRECONDITION, null, (LocalizedException) failure, locale);
        }
        if (failure instanceof EnrichmentUnavailableException unavailable) {
            return status(Code.UNAVAILABLE, null, unavailable, locale);
        }
        if (failure instanceof ForbiddenException forbidden) {
            return status(Code.PERMISSION_DENIED, CallerResolver.refusal(forbidden), CallerResolver.refusalArgs(forbidden), locale);
        }
        if (failure instanceof UnauthorizedException) {
            return status(Code.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, List.of(), locale);
        }
        return status(Code.INTERNAL, ErrorCode.INTERNAL, List.of(), locale);
    }

    private static com.google.rpc.Status status(Code code, ErrorCode reason, List<String> args, Locale locale) {
        return status(code, null, reason.name(), reason.message(ErrorTexts.ENGLISH, args), reason.message(locale, args), locale);
    }

    private static com.google.rpc.Status status(Code code, Any detail, LocalizedException failure, Locale locale) {
        return status(code, detail, failure.code().name(), failure.getMessage(), failure.message(locale), locale);
    }

    private static com.google.rpc.Status status(Code code, Any detail, String reason, String english, String localized, Locale locale) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(bounded(english));
        if (detail != null) {
            status.addDetails(detail);
        }
        return status.addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
                .addDetails(Any.pack(localized(localized, locale))).build();
    }

    /** AIP-193: the description stays English for developers; reason and localized_message are for programs and people. */
    private static BadRequest.FieldViolation violation(String field, FieldError error, Locale locale) {
        return BadRequest.FieldViolation.newBuilder().setField(field).setDescription(bounded(error.message())).setReason(error.code().name())
                .setLocalizedMessage(localized(error.message(locale), locale)).build();
    }

    private static LocalizedMessage localized(String message, Locale locale) {
        return LocalizedMessage.newBuilder().setLocale(locale.toLanguageTag()).setMessage(bounded(message)).build();
    }

    /**
     * At most {@value #MAX_TEXT} characters: a message can echo the caller's input (an id, a name), and the details
     * travel in a trailer that, with grpc-message, must fit a client's header limit (8 KiB by default in grpc-java).
     */
    private static String bounded(String text) {
        return text.codePointCount(0, text.length()) <= MAX_TEXT ? text : text.substring(0, text.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
    }

    private static Any retry(long seconds) {
        return Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(seconds)).build());
    }

    /** gRPC clients name fields as in the .proto: request_id, not requestId. */
    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
