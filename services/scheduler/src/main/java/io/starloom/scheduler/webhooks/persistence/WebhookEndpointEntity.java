package io.starloom.scheduler.webhooks.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
    /** Empty for every event; stored comma-separated, as the trigger of V80__webhooks.sql reads it. */
    @Column(name = "event_types")
    @Convert(converter = EventTypesColumn.class)
    public List<String> eventTypes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
