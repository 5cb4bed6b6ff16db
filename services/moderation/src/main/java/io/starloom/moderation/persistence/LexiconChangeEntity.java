package io.starloom.moderation.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One row of the append-only audit log of list changes (the table refuses UPDATE and DELETE). */
@Entity
@Table(name = "lexicon_change")
public class LexiconChangeEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** "add" or "remove". */
    @Column(nullable = false)
    public String action;
    @Column(nullable = false)
    public String list;
    @Column(nullable = false)
    public String term;
    public String category;
    public String severity;
    @Column(nullable = false)
    public String actor;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
