package io.starloom.moderation.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An entry an operator added to the deny or allow list. */
@Entity
@Table(name = "lexicon_entry")
public class LexiconEntryEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** "deny" or "allow". */
    @Column(nullable = false)
    public String list;
    @Column(nullable = false)
    public String term;
    /** Category short name ("sexual-minors"); deny entries only. */
    public String category;
    /** Severity short name ("high"); deny entries only. */
    public String severity;
    @Column(nullable = false)
    public String author;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
