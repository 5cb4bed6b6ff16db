package io.starloom.scheduler.webhooks.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.starloom.scheduler.domain.StoryStatus;

/** One story event for one target; rows are written by the database trigger of V80__webhooks.sql. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity extends PanacheEntityBase {
    public enum State {
        PENDING, DELIVERED, FAILED
    }

    @Id
    public UUID id;
    public String tenant;
    /** Null for the story's own webhook URL. */
    @Column(name = "endpoint_id")
    public UUID endpointId;
    @Column(name = "story_id")
    public UUID storyId;
    public String url;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "story_state")
    @Enumerated(EnumType.STRING)
    public StoryStatus storyState;
    /** Fixed at the first attempt. */
    public String body;
    @Enumerated(EnumType.STRING)
    public State state;
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
