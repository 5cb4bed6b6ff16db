package io.starloom.mesh.support.grpc;

import java.util.List;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.Status;

import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** gRPC INVALID_ARGUMENT with the fields at fault as {@code google.rpc.BadRequest} details, as every service answers bad input. */
public final class InvalidArgument {

    private InvalidArgument() {
    }

    /** One field at fault; its description is the status message. */
    public static StatusRuntimeException of(String field, String reason, String description) {
        return of(description, List.of(violation(field, reason, description)));
    }

    public static StatusRuntimeException of(String message, List<BadRequest.FieldViolation> violations) {
        return StatusProto.toStatusRuntimeException(Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(BadRequest.newBuilder().addAllFieldViolations(violations).build()))
                .build());
    }

    public static BadRequest.FieldViolation violation(String field, String reason, String description) {
        return BadRequest.FieldViolation.newBuilder().setField(field).setReason(reason).setDescription(description).build();
    }
}
