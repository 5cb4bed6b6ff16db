package io.starloom.scheduler.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A command written in the same transaction as the state change that caused it, sent by the relay. */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String destination;
    /** Fully qualified protobuf message name of the payload. */
    public String type;
    @Column(name = "story_id")
    public UUID storyId;
    public byte[] payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** W3C traceparent of the story's trace when the row was written; null with tracing off. */
    public String traceparent;
    /** Sent by its own transaction after commit; the relay takes it only from then on (null: at once). */
    @Column(name = "relay_after")
    public Instant relayAfter;
}
