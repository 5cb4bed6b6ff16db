package io.starloom.scheduler.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;

/** One submitted story and where it stands. Protobuf messages are kept as their wire bytes. */
@Entity
@Table(name = "story")
public class StoryEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    @Column(name = "request_id")
    public String requestId;
    @Enumerated(EnumType.STRING)
    public StoryState state;
    public String text;
    @Enumerated(EnumType.STRING)
    public Language language;
    @Enumerated(EnumType.STRING)
    public Style style;
    @Enumerated(EnumType.STRING)
    public Resolution resolution;
    public String profile;
    public String title;
    /** A {@code starloom.v1.Storyboard}. */
    public byte[] storyboard;
    /** A {@code starloom.v1.TextModerated} behind a rejection. */
    public byte[] findings;
    /** A {@code starloom.v1.Film}. */
    public byte[] film;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "failure_message")
    public String failureMessage;
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
}
