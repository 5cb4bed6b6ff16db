package io.starloom.scheduler.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.AspectRatio;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;

/** The REST representation of a story: the contract's {@code Story} with short enum names and seconds. */
@Schema(name = "Story", description = "A submitted story and where it stands. Everything but the submitted options is output only.")
public record StoryJson(
        @Schema(description = "The story's id, a UUID.") String id,
        @Schema(description = "Where the story stands in its lifecycle.") String state,
        @Schema(description = "Short title taken from the story; empty until enrichment has run.") String title,
        @Schema(description = "Language of the story, its narration and its subtitles; null while it is still to be detected.",
                nullable = true) String language,
        @Schema(description = "Visual style of every shot.") String style,
        @Schema(description = "Resolution class of the film.") String resolution,
        Instant createTime,
        Instant updateTime,
        @Schema(description = "Rough share of the work done, 0..100.", minimum = "0", maximum = "100") int progressPercent,
        List<ShotJson> shots,
        @Schema(description = "Set once the story is COMPLETED.", nullable = true) FilmJson film,
        @Schema(description = "Set once the story is FAILED, REJECTED or CANCELED.", nullable = true) FailureJson failure,
        @Schema(description = "Moderation findings behind a rejection or a review.") List<FindingJson> findings,
        @Schema(description = "The model profile that renders the shots.") String profile,
        @Schema(description = "Pre-flight estimate of the generation, set before the first shot is sent.", nullable = true) EstimateJson estimate,
        @Schema(description = "A reviewer must approve the finished film before it is published.") boolean requireReview,
        @Schema(description = "Narration voice as submitted; null for the language's default.", nullable = true) String voice,
        @Schema(description = "Shape of the picture: 16-9, 9-16 or 1-1.") String aspectRatio,
        @Schema(description = "The subtitles are drawn into the picture as well as carried as soft tracks.") boolean burnInSubtitles,
        @Schema(description = "How the story's shots are scheduled and where they stand in line.") SchedulingJson scheduling,
        @Schema(description = "Language of the second subtitle track as submitted; null for none.", nullable = true) String translationLanguage) {

    @Schema(name = "Scheduling", description = "The story's priority class and, while shots wait for or hold a GPU, its place in line.")
    public record SchedulingJson(
            @Schema(description = "interactive, standard or batch, as submitted.") String priority,
            @Schema(description = "Shots of other stories expected to reach a GPU before this story's next one; 0 when none waits.")
            int queuePosition,
            @Schema(description = "When the story's last shot is expected to be rendered; null when unknown or not generating.",
                    nullable = true) Instant generationEta) {
    }

    @Schema(name = "GenerationEstimate", description = "What generating the shots is expected to take and cost.")
    public record EstimateJson(int shots, double videoSeconds,
            @Schema(description = "Typical render seconds (GPU-seconds when self-hosted) on typicalHardware.") double renderSeconds,
            String typicalHardware,
            @Schema(description = "Hosted profiles: US dollars at the profile's price per second; 0 when self-hosted.") double priceUsd) {

        static EstimateJson of(GenerationEstimate estimate) {
            return new EstimateJson(estimate.getShots(), estimate.getVideoSeconds(), estimate.getRenderSeconds(),
                    estimate.getTypicalHardware(), estimate.getPriceUsd());
        }
    }

    @Schema(name = "ShotStatus", description = "Where one shot of the story stands.")
    public record ShotJson(
            @Schema(description = "0-based position in the film.") int index,
            String state,
            @Schema(description = "1-based; 0 before the first dispatch.") int attempt,
            @Schema(description = "What is said (and subtitled) over this shot.") String narration,
            double durationSeconds,
            @Schema(description = "Where the shot's thumbnail is served (GET, image/jpeg), once its clip exists.", nullable = true)
            String thumbnailUri) {
    }

    @Schema(name = "Film", description = "The finished film; fetch it from the film and subtitles endpoints.")
    public record FilmJson(double durationSeconds, int width, int height, int fps,
            @Schema(description = "SHA-256 of the MP4, lower-case hex.") String sha256) {
    }

    @Schema(name = "Failure", description = "Why the story did not finish. `reason` and `domain` are stable and machine-readable, "
            + "`message` is for people and may change between releases.")
    public record FailureJson(
            @Schema(description = "UPPER_SNAKE_CASE, unique within `domain`, e.g. MODERATION_BLOCKED, SHOT_FAILED, CANCELED.") String reason,
            @Schema(description = "The part of Starloom that decided, e.g. scheduler.starloom.dev.") String domain,
            @Schema(description = "What happened, for people.") String message,
            @Schema(description = "Facts behind the failure, e.g. {\"shot_index\": \"2\", \"attempts\": \"2\"}.") Map<String, String> metadata) {
    }

    @Schema(name = "Finding", description = "A passage of the story that moderation flagged.")
    public record FindingJson(String category, String term,
            @Schema(description = "Offset of the first character, in Unicode code points.") int start,
            @Schema(description = "Offset after the last character (exclusive).") int end,
            @Schema(description = "What this finding asks for: ALLOW, REVIEW or BLOCK.") String action,
            @Schema(description = "LOW, MEDIUM, HIGH or CRITICAL.") String severity,
            @Schema(description = "Why, for people, in the story's language.") String reason,
            @Schema(description = "The rule that fired, e.g. minor-and-sexual or lexicon.") String rule,
            @Schema(description = "Where it was seen: a span of one of the screened texts, or a frame thumbnail.", nullable = true)
            EvidenceJson evidence) {
    }

    @Schema(name = "Evidence", description = "A span of a screened text (textIndex, label, excerpt) or a frame of a shot "
            + "(shotIndex, offsetSeconds, thumbnailUri, the classifier's label and score).")
    public record EvidenceJson(Integer textIndex, String label, String excerpt, Integer shotIndex, Double offsetSeconds,
            String thumbnailUri, Double score) {
    }

    static StoryJson of(Story story) {
        return new StoryJson(story.getId(), ProtoNames.bare(story.getState()), story.getTitle(),
                ProtoNames.isSpecified(story.getLanguage()) ? ProtoNames.shortName(story.getLanguage()) : null,
                ProtoNames.shortName(story.getStyle()),
                ProtoNames.isSpecified(story.getResolution()) ? ProtoNames.shortName(story.getResolution()) : "720p",
                instant(story.getCreateTime()), instant(story.getUpdateTime()), story.getProgressPercent(),
                story.getShotsList().stream().map(StoryJson::shot).toList(),
                story.hasFilm() ? film(story.getFilm()) : null,
                story.hasFailure() ? failure(story.getFailure()) : null,
                story.getFindingsList().stream().map(StoryJson::finding).toList(), story.getProfile(),
                story.hasEstimate() ? EstimateJson.of(story.getEstimate()) : null,
                story.getRequireReview(), story.getVoice().isEmpty() ? null : story.getVoice(),
                ProtoNames.shortName(ProtoNames.isSpecified(story.getAspectRatio()) ? story.getAspectRatio() : AspectRatio.ASPECT_RATIO_16_9),
                story.getBurnInSubtitles(),
                new SchedulingJson(ProtoNames.shortName(ProtoNames.isSpecified(story.getPriority()) ? story.getPriority()
                        : io.starloom.proto.v1.Priority.PRIORITY_STANDARD), story.getQueuePosition(),
                        story.hasGenerationEta() ? instant(story.getGenerationEta()) : null),
                ProtoNames.isSpecified(story.getTranslationLanguage()) ? ProtoNames.shortName(story.getTranslationLanguage()) : null);
    }

    private static ShotJson shot(ShotStatus shot) {
        return new ShotJson(shot.getIndex(), ProtoNames.bare(shot.getState()), shot.getAttempt(), shot.getNarration(),
                seconds(shot.getDuration()), shot.getThumbnailUri().isEmpty() ? null : shot.getThumbnailUri());
    }

    private static FilmJson film(Film film) {
        return new FilmJson(seconds(film.getDuration()), film.getFormat().getWidth(), film.getFormat().getHeight(), film.getFormat().getFps(),
                film.getSha256());
    }

    private static FailureJson failure(Failure failure) {
        return new FailureJson(failure.getReason(), failure.getDomain(), failure.getMessage(), failure.getMetadataMap());
    }

    static FindingJson finding(Finding finding) {
        return new FindingJson(ProtoNames.shortName(finding.getCategory()), finding.getTerm(), finding.getStart(), finding.getEnd(),
                ProtoNames.bare(finding.getAction()), ProtoNames.bare(finding.getSeverity()), finding.getReason(), finding.getRule(),
                evidence(finding.getEvidence()));
    }

    private static EvidenceJson evidence(io.starloom.proto.v1.Evidence evidence) {
        return switch (evidence.getKindCase()) {
            case TEXT -> new EvidenceJson(evidence.getText().getTextIndex(), evidence.getText().getLabel(), evidence.getText().getExcerpt(),
                    null, null, null, null);
            case FRAME -> new EvidenceJson(null, evidence.getFrame().getLabel(), null, evidence.getFrame().getShotIndex(),
                    seconds(evidence.getFrame().getOffset()), evidence.getFrame().getThumbnailUri(), (double) evidence.getFrame().getScore());
            case KIND_NOT_SET -> null;
        };
    }

    private static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static double seconds(com.google.protobuf.Duration d) {
        return d.getSeconds() + d.getNanos() / 1e9;
    }
}
