package io.starloom.scheduler.webhooks.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant's webhook endpoint. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpointEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    public String url;
    public String description;
    /** Empty for every event. */
    @Column(name = "event_types")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> eventTypes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
