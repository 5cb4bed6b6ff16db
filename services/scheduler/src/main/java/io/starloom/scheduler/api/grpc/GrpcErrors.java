package io.starloom.scheduler.api.grpc;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.starloom.scheduler.domain.EnrichmentUnavailableException;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.fleet.PriorityNotAllowedException;
import io.starloom.scheduler.fleet.QuotaExceededException;
import io.starloom.scheduler.limits.RateLimitedException;

/** Domain failures as gRPC statuses, with google.rpc.BadRequest field violations for invalid input. */
final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        if (failure instanceof InvalidRequestException invalid) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            invalid.errors().forEach(e -> badRequest.addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(snake(e.field())).setDescription(e.message())));
            Code code = invalid.unprocessable() ? Code.FAILED_PRECONDITION : Code.INVALID_ARGUMENT;
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(code.getNumber())
                    .setMessage(invalid.getMessage()).addDetails(Any.pack(badRequest.build())).build());
        }
        if (failure instanceof StoryNotFoundException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof StoryNotReadyException) {
            return Status.FAILED_PRECONDITION.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof ForbiddenException) {
            return Status.PERMISSION_DENIED.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof RateLimitedException limited) {
            // google.rpc.RetryInfo tells clients when to come back, as Retry-After does over REST.
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(Code.RESOURCE_EXHAUSTED.getNumber())
                    .setMessage(limited.getMessage()).addDetails(Any.pack(RetryInfo.newBuilder()
                            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(limited.retryAfterSeconds())).build()))
                    .build());
        }
        if (failure instanceof PriorityNotAllowedException priority) {
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(Code.PERMISSION_DENIED.getNumber())
                    .setMessage(priority.getMessage()).addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation
                            .newBuilder().setField(priority.error().field()).setDescription(priority.error().message())).build())).build());
        }
        if (failure instanceof QuotaExceededException quota) {
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(Code.RESOURCE_EXHAUSTED.getNumber())
                    .setMessage(quota.getMessage())
                    .addDetails(Any.pack(QuotaFailure.newBuilder().addViolations(QuotaFailure.Violation.newBuilder()
                            .setSubject(quota.subject()).setDescription(quota.quota() + ": " + quota.getMessage())).build()))
                    .addDetails(Any.pack(RetryInfo.newBuilder()
                            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(quota.retryAfterSeconds())).build()))
                    .build());
        }
        if (failure instanceof EnrichmentUnavailableException) {
            return Status.UNAVAILABLE.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof UnauthorizedException) {
            return Status.UNAUTHENTICATED.withDescription("a valid bearer token is required").asRuntimeException();
        }
        LOG.error("unexpected gRPC failure", failure);
        return Status.INTERNAL.withDescription("something went wrong on our side; it has been logged").asRuntimeException();
    }

    /** gRPC clients name fields as in the .proto: request_id, not requestId. */
    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
