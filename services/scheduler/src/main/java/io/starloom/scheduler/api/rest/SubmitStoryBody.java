package io.starloom.scheduler.api.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON body of {@code POST /v1/stories}. Enum-like fields take their short names ("zh", "ink-wash", "720p"). */
@Schema(name = "SubmitStoryRequest", description = "A story to turn into a film. Fields not listed here are refused, not ignored.",
        additionalProperties = Schema.False.class)
public record SubmitStoryBody(
        @Schema(required = true, description = "The story: 1..4000 characters (Unicode code points), not blank, "
                + "no control characters other than line breaks and tabs.") String text,
        @Schema(description = "Language of the story; detected from the text when absent.") String language,
        @Schema(description = "Visual style; cinematic when absent.") String style,
        @Schema(description = "Resolution class of the film; 720p when absent.") String resolution,
        @Schema(description = "Idempotency key, at most 128 characters: the same key returns the same story. "
                + "Takes precedence over the Idempotency-Key header.") String requestId,
        @Schema(description = "Model profile to render with, e.g. wan2.2-t2v-a14b-480p or wan2.6-t2v-720p; one a running worker serves. "
                + "The resolution's profile when absent.") String profile,
        @Schema(description = "Hold the finished film in review until a reviewer approves it; false when absent. "
                + "A tenant may make review mandatory.") Boolean requireReview,
        @Schema(description = "Narration voice as the configured TTS engine names it (1..64 letters, digits, '.', '_', '-'), "
                + "e.g. cmn-latn-pinyin or en-us for espeak-ng; one GET /v1/submission-options lists where it lists any (422 otherwise); "
                + "the language's default when absent.") String voice,
        @Schema(description = "Shape of the picture: 16-9, 9-16 or 1-1; 16-9 when absent.") String aspectRatio,
        @Schema(description = "Draw the subtitles into the picture as well; false when absent.") Boolean burnInSubtitles,
        @Schema(description = "Seed of the shots' noise, 0..4294967295: the same seed, text and options plan the same shot seeds. "
                + "Derived from the story's id when absent.") Long seed,
        @Schema(description = "Wanted film length in seconds, 5..300; the planner's choice when absent.") Integer targetSeconds,
        @Schema(description = "An https URL that receives this story's state changes as signed webhooks (Standard Webhooks), signed with the "
                + "tenant's story webhook secret (POST /v1/webhooks:rotateStorySecret). Must resolve to public addresses only.") String webhookUrl,
        @Schema(description = "Scheduling class: interactive, standard or batch; standard when absent. Interactive only for "
                + "tenants entitled to it (403 otherwise).") String priority,
        @Schema(type = SchemaType.OBJECT, description = "A storyboard edited from POST /v1/storyboards:preview, in the same JSON form "
                + "(a starloom.v1.Storyboard): its shots, in its order, are filmed instead of a plan of the text. Checked before anything "
                + "is stored; errors name the field, e.g. storyboard.shots[1].prompt. Absent: enrichment plans the text.") JsonNode storyboard,
        @Schema(description = "Language of a second subtitle track, the narration translated (zh or en): not the story's own language, and "
                + "one GET /v1/submission-options lists (422 otherwise). None when absent.") String translationLanguage) {
}
