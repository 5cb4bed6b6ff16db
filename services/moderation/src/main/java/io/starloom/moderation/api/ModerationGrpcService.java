package io.starloom.moderation.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.grpc.InvalidArgument;
import io.starloom.moderation.config.ModerationConfig;
import io.starloom.moderation.domain.Judgement;
import io.starloom.moderation.domain.ScreenedText;
import io.starloom.moderation.domain.TextModerator;
import io.starloom.moderation.frames.FrameScreener;
import io.starloom.proto.v1.CheckFramesRequest;
import io.starloom.proto.v1.CheckFramesResponse;
import io.starloom.proto.v1.CheckTextRequest;
import io.starloom.proto.v1.CheckTextResponse;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.ModerationService;
import io.starloom.proto.v1.Verdict;

/**
 * Moderation over gRPC: text and still-frame checks for writers and reviewers. Frames are judged by the
 * configured frame classifier on a worker thread (a model run is blocking).
 */
@GrpcService
@RolesAllowed({ Roles.STORY_WRITER, Roles.STORY_READER, Roles.REVIEWER })
public class ModerationGrpcService implements ModerationService {
    private final TextModerator moderator;
    private final CallerTenant callers;
    private final int maxTextLength;
    private final FrameScreener frames;

    public ModerationGrpcService(TextModerator moderator, CallerTenant callers, ModerationConfig config, FrameScreener frames) {
        this.moderator = moderator;
        this.callers = callers;
        this.maxTextLength = config.maxTextLength();
        this.frames = frames;
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
        Judgement judgement = moderator.judge(List.of(new ScreenedText(text, "")), callers.tenant(), request.getLanguage());
        return Uni.createFrom().item(CheckTextResponse.newBuilder()
                .setVerdict(judgement.verdict())
                .addAllFindings(judgement.findings())
                .build());
    }

    @Override
    public Uni<CheckFramesResponse> checkFrames(CheckFramesRequest request) {
        return Uni.createFrom().item(() -> {
            List<Finding> findings = frames.judge(FrameImages.decode(request.getFramesList()));
            return CheckFramesResponse.newBuilder()
                    .setVerdict(findings.isEmpty() ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_BLOCK)
                    .addAllCategories(findings.stream().map(Finding::getCategory).distinct().sorted().toList())
                    .addAllFindings(findings)
                    .build();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
