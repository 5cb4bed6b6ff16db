package io.starloom.enrichment.api;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.grpc.InvalidArgument;
import io.starloom.enrichment.domain.EditedStoryboards;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.enrichment.domain.UnenrichableStoryException;
import io.starloom.enrichment.llm.LlmRewriter;
import io.starloom.proto.v1.EnrichmentService;
import io.starloom.proto.v1.PreviewStoryboardRequest;
import io.starloom.proto.v1.PreviewStoryboardResponse;

/** Storyboard previews over gRPC, for writers checking a story (or their edit of its storyboard) before they submit it. */
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
    private final EditedStoryboards edited;

    public EnrichmentGrpcService(StoryboardPlanner planner, LlmRewriter rewriter, EditedStoryboards edited) {
        this.planner = planner;
        this.rewriter = rewriter;
        this.edited = edited;
    }

    @Override
    public Uni<PreviewStoryboardResponse> previewStoryboard(PreviewStoryboardRequest request) {
        if (request.hasEditedStoryboard()) {
            // An edit is checked as a submitted one would be; it is the person's, so no rewriting.
            return Uni.createFrom().item(() -> edited.normalise(request.getEditedStoryboard(), PREVIEW_SEED_PREFIX + request.getText()))
                    .onFailure(UnenrichableStoryException.class).transform(EnrichmentGrpcService::invalid)
                    .map(storyboard -> PreviewStoryboardResponse.newBuilder().setStoryboard(storyboard).build());
        }
        return Uni.createFrom()
                .item(() -> planner.plan(new StoryInput(request.getText(), request.getLanguage(), request.getStyle(),
                        PREVIEW_SEED_PREFIX + request.getText(), request.getOptions())))
                .onFailure(UnenrichableStoryException.class).transform(EnrichmentGrpcService::invalid)
                .chain(storyboard -> rewriter.rewrite(storyboard, request.getOptions().getTranslationLanguage()))
                .map(storyboard -> PreviewStoryboardResponse.newBuilder().setStoryboard(storyboard).build());
    }

    private static Throwable invalid(Throwable failure) {
        UnenrichableStoryException e = (UnenrichableStoryException) failure;
        return InvalidArgument.of(e.getMessage(), e.violations().stream()
                .map(v -> InvalidArgument.violation(v.field(), v.reason(), v.description())).toList());
    }
}
