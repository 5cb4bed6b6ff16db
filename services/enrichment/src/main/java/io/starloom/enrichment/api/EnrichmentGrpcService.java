package io.starloom.enrichment.api;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.grpc.InvalidArgument;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.enrichment.domain.UnenrichableStoryException;
import io.starloom.enrichment.llm.LlmRewriter;
import io.starloom.proto.v1.EnrichmentService;
import io.starloom.proto.v1.PreviewStoryboardRequest;
import io.starloom.proto.v1.PreviewStoryboardResponse;

/** Storyboard previews over gRPC, for writers checking a story before they submit it. */
@GrpcService
@RolesAllowed({ Roles.STORY_WRITER, Roles.STORY_READER })
public class EnrichmentGrpcService implements EnrichmentService {
    /**
     * A preview has no story id yet: its seeds derive from the text, so the same text previews the
     * same way; the submitted story gets seeds from its id.
     */
    private static final String PREVIEW_SEED_PREFIX = "preview:";

    private final StoryboardPlanner planner;
    private final LlmRewriter rewriter;

    public EnrichmentGrpcService(StoryboardPlanner planner, LlmRewriter rewriter) {
        this.planner = planner;
        this.rewriter = rewriter;
    }

    @Override
    public Uni<PreviewStoryboardResponse> previewStoryboard(PreviewStoryboardRequest request) {
        return Uni.createFrom()
                .item(() -> planner.plan(new StoryInput(request.getText(), request.getLanguage(), request.getStyle(),
                        PREVIEW_SEED_PREFIX + request.getText(), request.getOptions())))
                .onFailure(UnenrichableStoryException.class)
                .transform(e -> InvalidArgument.of(e.getMessage(), ((UnenrichableStoryException) e).violations().stream()
                        .map(v -> InvalidArgument.violation(v.field(), v.reason(), v.description())).toList()))
                .chain(storyboard -> rewriter.rewrite(storyboard, request.getOptions().getTranslationLanguage()))
                .map(storyboard -> PreviewStoryboardResponse.newBuilder().setStoryboard(storyboard).build());
    }
}
