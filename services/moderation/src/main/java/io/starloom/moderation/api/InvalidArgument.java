package io.starloom.moderation.api;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.Status;

import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** gRPC INVALID_ARGUMENT with the field at fault as {@code google.rpc.BadRequest} details. */
final class InvalidArgument {

    private InvalidArgument() {
    }

    static StatusRuntimeException of(String field, String reason, String description) {
        BadRequest badRequest = BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(field).setReason(reason).setDescription(description))
                .build();
        return StatusProto.toStatusRuntimeException(Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(description)
                .addDetails(Any.pack(badRequest))
                .build());
    }
}
