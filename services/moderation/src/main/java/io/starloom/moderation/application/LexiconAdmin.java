package io.starloom.moderation.application;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.moderation.domain.Lexicon;
import io.starloom.moderation.persistence.LexiconChangeEntity;
import io.starloom.moderation.persistence.LexiconEntryEntity;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Severity;

/**
 * Operators' run-time edits of the lexicon: each add or remove is stored with a row in the append-only
 * audit log in one transaction, then the {@link Lexicon} is recompiled from the stored entries. Every
 * instance also re-reads the entries when the audit log has grown since it last looked, so an edit made
 * through one moderation instance reaches all of them within {@code starloom.moderation.lexicon-refresh}.
 */
@ApplicationScoped
public class LexiconAdmin {
    public static final String DENY = "deny";
    public static final String ALLOW = "allow";
    private static final Logger LOG = Logger.getLogger(LexiconAdmin.class);

    private final Lexicon lexicon;
    private final AtomicLong seenChange = new AtomicLong(-1);

    public LexiconAdmin(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Thrown when an entry to remove does not exist. */
    public static class NoSuchEntryException extends RuntimeException {
        public NoSuchEntryException(String message) {
            super(message);
        }
    }

    @WithSession
    public Uni<List<LexiconEntryEntity>> entries(String list) {
        return list == null ? LexiconEntryEntity.list("order by id") : LexiconEntryEntity.list("list = ?1 order by id", list);
    }

    @WithSession
    public Uni<List<LexiconChangeEntity>> changes(int limit) {
        return LexiconChangeEntity.<LexiconChangeEntity>find("order by id desc").page(0, limit).list();
    }

    /** Adds an entry, or replaces the one with the same list and term. */
    public Uni<LexiconEntryEntity> add(String list, String term, Category category, Severity severity, String actor) {
        return Panache.withTransaction(() -> LexiconEntryEntity.<LexiconEntryEntity>find("list = ?1 and term = ?2", list, term).firstResult()
                .chain(existing -> {
                    LexiconEntryEntity entry = existing == null ? new LexiconEntryEntity() : existing;
                    entry.list = list;
                    entry.term = term;
                    entry.category = DENY.equals(list) ? ProtoNames.shortName(category) : null;
                    entry.severity = DENY.equals(list) ? ProtoNames.shortName(severity) : null;
                    entry.author = actor;
                    entry.createdAt = Instant.now();
                    return entry.<LexiconEntryEntity>persist().call(() -> audit("add", entry, actor));
                }))
                .call(this::reload);
    }

    public Uni<LexiconEntryEntity> remove(String list, String term, String actor) {
        return Panache.withTransaction(() -> LexiconEntryEntity.<LexiconEntryEntity>find("list = ?1 and term = ?2", list, term).firstResult()
                .chain(entry -> {
                    if (entry == null) {
                        return Uni.createFrom().failure(new NoSuchEntryException("no " + list + " entry '" + term + "' was added"));
                    }
                    return entry.delete().call(() -> audit("remove", entry, actor)).replaceWith(entry);
                }))
                .call(this::reload);
    }

    private static Uni<LexiconChangeEntity> audit(String action, LexiconEntryEntity entry, String actor) {
        LexiconChangeEntity change = new LexiconChangeEntity();
        change.action = action;
        change.list = entry.list;
        change.term = entry.term;
        change.category = entry.category;
        change.severity = entry.severity;
        change.actor = actor;
        change.changedAt = Instant.now();
        return change.persist();
    }

    /** Also the first read of the stored entries, right after start-up; until then the built-in lists screen alone. */
    @Scheduled(every = "${starloom.moderation.lexicon-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(() -> LexiconChangeEntity.<LexiconChangeEntity>find("order by id desc").firstResult())
                .chain(last -> {
                    long newest = last == null ? 0 : last.id;
                    return newest == seenChange.get() ? Uni.createFrom().voidItem() : reload();
                });
    }

    private Uni<Void> reload() {
        return Panache.withSession(() -> LexiconChangeEntity.<LexiconChangeEntity>find("order by id desc").firstResult()
                .chain(last -> LexiconEntryEntity.<LexiconEntryEntity>listAll().invoke(entries -> {
                    lexicon.useOperatorEntries(entries.stream().map(LexiconAdmin::operatorEntry).toList());
                    seenChange.set(last == null ? 0 : last.id);
                    LOG.infof("lexicon: %d operator entries in use", entries.size());
                })))
                .replaceWithVoid();
    }

    private static Lexicon.OperatorEntry operatorEntry(LexiconEntryEntity entry) {
        boolean deny = DENY.equals(entry.list);
        return new Lexicon.OperatorEntry(deny, entry.term,
                deny ? ProtoNames.parseShortName(Category.class, entry.category).orElse(Category.CATEGORY_UNSPECIFIED) : Category.CATEGORY_UNSPECIFIED,
                deny ? ProtoNames.parseShortName(Severity.class, entry.severity).orElse(Severity.SEVERITY_HIGH) : Severity.SEVERITY_UNSPECIFIED);
    }
}
