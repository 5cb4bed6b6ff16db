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
import io.starloom.scheduler.domain.ReviewState;

/** A story waiting IN_REVIEW for a person's decision, or the decision once taken. */
@Entity
@Table(name = "review_case")
public class ReviewCaseEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "story_id")
    public UUID storyId;
    public String tenant;
    @Enumerated(EnumType.STRING)
    public ReviewState state;
    /** The {@link io.starloom.scheduler.domain.Stage} name the story was paused in. */
    public String stage;
    public String cause;
    /** A {@code starloom.v1.Review} carrying only its findings. */
    public byte[] findings;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String reviewer;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Version
    public long version;
}
