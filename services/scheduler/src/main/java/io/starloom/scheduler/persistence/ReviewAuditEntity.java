package io.starloom.scheduler.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One row of the append-only audit log of review cases: opened, approved, rejected, closed. */
@Entity
@Table(name = "review_audit")
public class ReviewAuditEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String tenant;
    public String actor;
    public String action;
    @Column(name = "review_id")
    public UUID reviewId;
    @Column(name = "story_id")
    public UUID storyId;
    public String detail;
}
