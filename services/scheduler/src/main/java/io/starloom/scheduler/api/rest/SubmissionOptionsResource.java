package io.starloom.scheduler.api.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.google.protobuf.ProtocolMessageEnum;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.SubmissionOptions;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.SubmissionOffer;

/** What this deployment offers a submission now: the choices a client shows before POST /v1/stories. */
@Path("/v1/submission-options")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stories")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class SubmissionOptionsResource {
    /** The contract's SubmissionOptions with short enum names. */
    @Schema(name = "SubmissionOptions", description = "What a submission may choose from in this deployment, at the time of asking.")
    public record SubmissionOptionsJson(
            @Schema(description = "Model profiles a running worker serves now, sorted.") List<String> profiles,
            @Schema(description = "Resolutions whose profile is served now, e.g. 480p, 720p.") List<String> resolutions,
            @Schema(description = "Visual styles, e.g. cinematic, ink-wash.") List<String> styles,
            @Schema(description = "Picture shapes: 16-9, 9-16, 1-1.") List<String> aspectRatios,
            @Schema(description = "Languages a story may be written in: zh, en.") List<String> languages,
            @Schema(description = "Languages a second subtitle track may be asked in (translationLanguage); empty where none is offered.")
            List<String> translationLanguages,
            @Schema(description = "Priority classes the caller's tenant may ask for, highest first.") List<String> priorities,
            @Schema(description = "Longest story accepted, in Unicode code points.") int maxTextLength,
            @Schema(description = "Narration voices the deployment offers (voice), e.g. cmn-latn-pinyin, en-us; empty where it lists none "
                    + "and any well-formed voice name is accepted.") List<String> voices) {

        static SubmissionOptionsJson of(SubmissionOptions options) {
            return new SubmissionOptionsJson(List.copyOf(options.getProfilesList()), names(options.getResolutionsList()),
                    names(options.getStylesList()), names(options.getAspectRatiosList()), names(options.getLanguagesList()),
                    names(options.getTranslationLanguagesList()), names(options.getPrioritiesList()), options.getMaxTextLength(),
                    List.copyOf(options.getVoicesList()));
        }

        private static List<String> names(List<? extends ProtocolMessageEnum> values) {
            return values.stream().map(ProtoNames::shortName).toList();
        }
    }

    private final CallerResolver callers;
    private final SubmissionOffer offer;

    public SubmissionOptionsResource(CallerResolver callers, SubmissionOffer offer) {
        this.callers = callers;
        this.offer = offer;
    }

    @GET
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "getSubmissionOptions", summary = "What a submission may choose from",
            description = "The model profiles served now, resolutions, styles, aspect ratios, languages, translation languages, "
                    + "the priorities the caller's tenant may ask for, the text limit and the narration voices.")
    @APIResponse(responseCode = "200", description = "The options.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionOptionsJson.class)))
    public Uni<SubmissionOptionsJson> get() {
        return callers.current().chain(offer::of).map(SubmissionOptionsJson::of);
    }
}
