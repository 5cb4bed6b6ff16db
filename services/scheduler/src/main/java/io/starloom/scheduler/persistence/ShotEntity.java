package io.starloom.scheduler.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.domain.ShotStatus;

/** One planned shot of a story and its current generation attempt. */
@Entity
@Table(name = "shot")
@IdClass(ShotEntity.Key.class)
public class ShotEntity extends PanacheEntityBase {
    @Id
    @Column(name = "story_id")
    public UUID storyId;
    @Id
    @Column(name = "shot_index")
    public int index;
    @Enumerated(EnumType.STRING)
    public ShotStatus state;
    public int attempt;
    /** Times the shot was rendered again with a new seed because its frames were flagged. */
    public int regenerations;
    public String narration;
    @Column(name = "duration_ms")
    public long durationMillis;
    @Column(name = "clip_uri")
    public String clipUri;
    /** The model's own audio track of the clip, when it made one. */
    @Column(name = "audio_uri")
    public String audioUri;
    @Column(name = "render_millis")
    public Long renderMillis;
    @Column(name = "worker_id")
    public String workerId;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** When generation queued it: its place in line (fleet/ShotDispatcher); null before generation. */
    @Column(name = "queued_at")
    public Instant queuedAt;
    /** A retry waits until then (backoff). */
    @Column(name = "not_before")
    public Instant notBefore;
    /** The dispatched attempt holds the shot until then, unless its worker renews it. */
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    /** Every shot of a story, in film order. */
    public static Uni<List<ShotEntity>> ofStory(UUID storyId) {
        return list("storyId = ?1 order by index", storyId);
    }

    /** Composite key: story and position in the film. */
    public static class Key implements Serializable {
        public UUID storyId;
        public int index;

        public Key() {
        }

        public Key(UUID storyId, int index) {
            this.storyId = storyId;
            this.index = index;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.index == index && Objects.equals(key.storyId, storyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(storyId, index);
        }
    }
}
