package io.starloom.moderation.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.grpc.InvalidArgument;
import io.starloom.moderation.client.GuardModel;
import io.starloom.moderation.config.ModerationConfig;
import io.starloom.moderation.domain.ScreenedText;
import io.starloom.moderation.domain.TextModerator;
import io.starloom.proto.v1.CheckFramesRequest;
import io.starloom.proto.v1.CheckFramesResponse;
import io.starloom.proto.v1.CheckTextRequest;
import io.starloom.proto.v1.CheckTextResponse;
import io.starloom.proto.v1.ModerationService;

/**
 * Moderation over gRPC: text checks for writers and reviewers. Frames are not judged yet: CheckFrames
 * answers UNIMPLEMENTED until roadmap item 4 configures a frame classifier, rather than pretending to allow.
 */
@GrpcService
@RolesAllowed({ Roles.STORY_WRITER, Roles.STORY_READER, Roles.REVIEWER })
public class ModerationGrpcService implements ModerationService {
    static final String NO_FRAME_CLASSIFIER = "no frame classifier is configured yet: frame screening arrives with roadmap item 4 "
            + "(myth-aware safety); only text is screened today";

    private final TextModerator moderator;
    private final GuardModel guard;
    private final CallerTenant callers;
    private final int maxTextLength;

    public ModerationGrpcService(TextModerator moderator, GuardModel guard, CallerTenant callers, ModerationConfig config) {
        this.moderator = moderator;
        this.guard = guard;
        this.callers = callers;
        this.maxTextLength = config.maxTextLength();
    }

    @Override
    public Uni<CheckTextResponse> checkText(CheckTextRequest request) {
        String text = request.getText();
        if (text.isBlank()) {
            return Uni.createFrom().failure(InvalidArgument.of("text", "EMPTY_TEXT", "text is empty or only whitespace"));
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxTextLength) {
            return Uni.createFrom().failure(InvalidArgument.of("text", "TEXT_TOO_LONG",
                    String.format("text has %d characters, more than the limit of %d", length, maxTextLength)));
        }
        List<ScreenedText> texts = List.of(new ScreenedText(text, ""));
        return guard.review(moderator.judge(texts, callers.tenant(), request.getLanguage()), texts, request.getLanguage())
                .map(judgement -> CheckTextResponse.newBuilder().setVerdict(judgement.verdict()).addAllFindings(judgement.findings()).build());
    }

    @Override
    public Uni<CheckFramesResponse> checkFrames(CheckFramesRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.withDescription(NO_FRAME_CLASSIFIER).asRuntimeException());
    }
}
