package io.starloom.scheduler.webhooks.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A signing secret of an endpoint, or of the tenant's story webhooks when {@link #endpointId} is null. */
@Entity
@Table(name = "webhook_secret")
public class WebhookSecretEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenant;
    @Column(name = "endpoint_id")
    public UUID endpointId;
    /** Sealed with the key {@link #keyId} names (SecretSeal); never logged nor returned after it was made. */
    public String secret;
    /** The key that sealed {@link #secret}; null only for a row from before V81 not yet sealed. */
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Null while it is the current secret. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Override
    public String toString() {
        return "WebhookSecret[" + id + "]";
    }
}
