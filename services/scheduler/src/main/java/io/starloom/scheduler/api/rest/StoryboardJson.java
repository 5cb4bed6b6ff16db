package io.starloom.scheduler.api.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/**
 * A storyboard in the body of a request, in the proto3 JSON mapping that GET /v1/stories/{id}/storyboard and a preview
 * answer with, so that a caller can post an edited preview back. Unknown fields are refused, not ignored.
 */
final class StoryboardJson {
    private StoryboardJson() {
    }

    /** @return null when the body carries no storyboard */
    static Storyboard parse(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw invalid("a storyboard is a JSON object, as a preview answers with");
        }
        Storyboard.Builder storyboard = Storyboard.newBuilder();
        try {
            JsonFormat.parser().merge(json.toString(), storyboard);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return storyboard.build();
    }

    private static InvalidRequestException invalid(String why) {
        return new InvalidRequestException(List.of(new FieldError("storyboard", ErrorCode.STORYBOARD_UNREADABLE, why)), false);
    }
}
