package io.starloom.scheduler.persistence;

import org.hibernate.LockMode;

/**
 * How replicas claim rows: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so a row another transaction holds is
 * passed over instead of waited for, and no two replicas claim the same row. Set on an HQL selection query, not
 * written into native SQL: a native query with an entity result builds a new query plan on every run (its plan
 * cache key never matches again), which under load cost a large share of the scheduler's CPU.
 */
public final class SkipLocked {
    public static final LockMode MODE = LockMode.UPGRADE_SKIPLOCKED;

    private SkipLocked() {
    }
}
