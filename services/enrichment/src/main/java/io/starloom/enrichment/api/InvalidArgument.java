package io.starloom.enrichment.api;

import java.util.List;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.Status;

import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.starloom.enrichment.domain.FieldViolation;

/** gRPC INVALID_ARGUMENT with the fields at fault as {@code google.rpc.BadRequest} details. */
final class InvalidArgument {

    private InvalidArgument() {
    }

    static StatusRuntimeException of(String message, List<FieldViolation> violations) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        violations.forEach(v -> badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField(v.field())
                .setDescription(v.description())
                .setReason(v.reason())));
        return StatusProto.toStatusRuntimeException(Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(badRequest.build()))
                .build());
    }
}
