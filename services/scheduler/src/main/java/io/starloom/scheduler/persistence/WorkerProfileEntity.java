package io.starloom.scheduler.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A model profile one worker announced it serves, and until when that announcement holds. */
@Entity
@Table(name = "worker_profile")
@IdClass(WorkerProfileEntity.Key.class)
public class WorkerProfileEntity extends PanacheEntityBase {
    @Id
    @Column(name = "worker_id")
    public String workerId;
    @Id
    public String profile;
    public String backend;
    /** A {@code starloom.mesh.v1.ModelProfile}. */
    public byte[] spec;
    @Column(name = "last_seen")
    public Instant lastSeen;
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Composite key: worker and profile. */
    public static class Key implements Serializable {
        public String workerId;
        public String profile;

        public Key() {
        }

        public Key(String workerId, String profile) {
            this.workerId = workerId;
            this.profile = profile;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.workerId, workerId) && Objects.equals(key.profile, profile);
        }

        @Override
        public int hashCode() {
            return Objects.hash(workerId, profile);
        }
    }
}
