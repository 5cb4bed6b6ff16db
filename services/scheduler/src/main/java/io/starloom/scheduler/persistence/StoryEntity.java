package io.starloom.scheduler.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.google.protobuf.InvalidProtocolBufferException;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Priority;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.AspectRatio;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;
import io.starloom.scheduler.domain.FilmOptions;
import io.starloom.scheduler.domain.StoryLifecycle;
import io.starloom.scheduler.domain.StoryOptions;
import io.starloom.scheduler.domain.StoryStatus;

/** One submitted story and where it stands. Protobuf messages are kept as their wire bytes. */
@Entity
@Table(name = "story")
public class StoryEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    @Column(name = "request_id")
    public String requestId;
    /** Set when the story enters the pipeline, then changed only by {@link #moveTo} and {@link #end}. */
    @Enumerated(EnumType.STRING)
    public StoryStatus state;
    public String text;
    /** NULL until the caller or enrichment names it. */
    @Convert(converter = ShortNameColumn.Language.class)
    public Language language;
    @Convert(converter = ShortNameColumn.Style.class)
    public Style style;
    /** NULL when the caller left it to the default. */
    @Convert(converter = ShortNameColumn.Resolution.class)
    public Resolution resolution;
    public String profile;
    /** NULL for the language's default voice. */
    public String voice;
    /** NULL when the caller left it to the default (16:9). */
    @Column(name = "aspect_ratio")
    @Convert(converter = ShortNameColumn.AspectRatio.class)
    public AspectRatio aspectRatio;
    @Column(name = "burn_in_subtitles")
    public boolean burnInSubtitles;
    /** The caller's seed (0..2^32-1); NULL for seeds derived from the story id. */
    public Long seed;
    /** Wanted film length; NULL for the planner's choice. */
    @Column(name = "target_seconds")
    public Integer targetSeconds;
    /** Language of the second subtitle track asked for on submission (V91); UNSPECIFIED (NULL) for none. */
    @Column(name = "translation_language")
    @Convert(converter = ShortNameColumn.Language.class)
    public Language translationLanguage = Language.LANGUAGE_UNSPECIFIED;
    /** Receives the story's state changes (the trigger of V80__webhooks.sql writes the deliveries); NULL for none. */
    @Column(name = "webhook_url")
    public String webhookUrl;
    /** Scheduling class of its shots (fleet/FairShare). */
    @Convert(converter = ShortNameColumn.Priority.class)
    public Priority priority = Priority.PRIORITY_STANDARD;
    /** W3C traceparent of the submission; commands sent on the story's behalf outside its own trace name it. */
    public String traceparent;
    public String title;
    /** A {@code starloom.v1.Storyboard}; read it with {@link #storyboard()}, set it with {@link #plan}. */
    public byte[] storyboard;
    /** A {@code starloom.v1.Storyboard} the caller edited from a preview; null when enrichment plans the text. */
    @Column(name = "edited_storyboard")
    public byte[] editedStoryboard;
    /** A {@code starloom.mesh.v1.TextModerated} behind a rejection or a review. */
    public byte[] findings;
    /** A person must approve the finished film before it is published. */
    @Column(name = "require_review")
    public boolean requireReview;
    /** A {@code starloom.v1.Film}. */
    public byte[] film;
    @Column(name = "failure_reason")
    public String failureReason;
    /** The failure domain of the service that decided, e.g. {@code scheduler.starloom.dev}. */
    @Column(name = "failure_domain")
    public String failureDomain;
    @Column(name = "failure_message")
    public String failureMessage;
    @Column(name = "failure_metadata")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> failureMetadata;
    /** A {@code starloom.v1.GenerationEstimate}, set when generation starts. */
    public byte[] estimate;
    @Column(name = "assemble_millis")
    public Long assembleMillis;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "enriched_at")
    public Instant enrichedAt;
    @Column(name = "screened_at")
    public Instant screenedAt;
    @Column(name = "generated_at")
    public Instant generatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Version
    public long version;
    /** {@link #storyboard} parsed, so that one transaction reads it once. */
    @Transient
    private Storyboard plan;

    /** Keeps the storyboard enrichment planned. */
    public void plan(Storyboard storyboard) {
        this.storyboard = storyboard.toByteArray();
        this.plan = storyboard;
    }

    /** The storyboard enrichment planned; only for a story that has one. */
    public FilmOptions filmOptions() {
        return new FilmOptions(voice == null ? "" : voice, aspectRatio, burnInSubtitles);
    }

    public void filmOptions(FilmOptions options) {
        voice = options.voice().isEmpty() ? null : options.voice();
        aspectRatio = options.aspectRatio();
        burnInSubtitles = options.burnInSubtitles();
    }

    public void storyOptions(StoryOptions options) {
        seed = options.seed();
        targetSeconds = options.targetSeconds() == 0 ? null : options.targetSeconds();
        webhookUrl = options.webhookUrl();
        translationLanguage = options.translationLanguage();
    }

    /** The storyboard the caller edited, or null when enrichment plans the text. */
    public Storyboard editedStoryboard() {
        try {
            return editedStoryboard == null ? null : Storyboard.parseFrom(editedStoryboard);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored protobuf is unreadable", e);
        }
    }

    public Storyboard storyboard() {
        if (plan == null) {
            try {
                plan = Storyboard.parseFrom(storyboard);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("stored protobuf is unreadable", e);
            }
        }
        return plan;
    }

    /**
     * Moves the story to {@code next}; staying in the same status is no move, but still an update.
     *
     * @throws IllegalStateException when the lifecycle does not allow the move
     */
    public void moveTo(StoryStatus next) {
        if (next != state) {
            StoryLifecycle.check(state, next);
            state = next;
        }
        updatedAt = Instant.now();
    }

    /** Ends the story in {@code status} (FAILED, REJECTED, CANCELED) for the reason {@code failure} gives. */
    public void end(StoryStatus status, Failure failure) {
        if (!status.isFinal() || status == StoryStatus.COMPLETED) {
            throw new IllegalArgumentException(status + " is no end for a reason");
        }
        moveTo(status);
        failureReason = failure.getReason();
        failureDomain = failure.getDomain();
        failureMessage = failure.getMessage();
        failureMetadata = failure.getMetadataMap().isEmpty() ? null : Map.copyOf(failure.getMetadataMap());
        finishedAt = updatedAt;
    }

    /** Why the story ended; only for a story that ended other than COMPLETED. */
    public Failure failure() {
        Failure.Builder failure = Failure.newBuilder().setReason(failureReason).setDomain(failureDomain == null ? "" : failureDomain)
                .setMessage(failureMessage == null ? "" : failureMessage);
        if (failureMetadata != null) {
            failure.putAllMetadata(failureMetadata);
        }
        return failure.build();
    }
}
