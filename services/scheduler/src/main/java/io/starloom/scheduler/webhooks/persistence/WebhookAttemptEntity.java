package io.starloom.scheduler.webhooks.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One try of a delivery, for the tenant's delivery log. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttemptEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "delivery_id")
    public UUID deliveryId;
    @Column(name = "attempted_at")
    public Instant attemptedAt;
    /** 0 when no HTTP answer came. */
    @Column(name = "status_code")
    public int statusCode;
    public String error;
    @Column(name = "duration_ms")
    public long durationMillis;
}
