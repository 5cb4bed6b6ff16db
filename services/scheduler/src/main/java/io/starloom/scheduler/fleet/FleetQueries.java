package io.starloom.scheduler.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Priority;

/** What the dispatcher and the queue positions read of the fleet, in the caller's session (native SQL). */
final class FleetQueries {
    static final String FINAL_STATES = "('COMPLETED', 'REJECTED', 'FAILED', 'CANCELED')";

    static final String PROFILES_WAITING = "SELECT DISTINCT st.profile FROM shot s JOIN story st ON st.id = s.story_id"
            + " WHERE s.state = 'QUEUED' AND s.queued_at IS NOT NULL AND st.state IN ('QUEUED', 'GENERATING')";
    /**
     * Live and ever-announced workers of the profile, with the attempts holding a lease by tenant: one row per such
     * tenant, or one row with no tenant when none runs. One statement, as it is read before every dispatch.
     */
    private static final String LOAD = "SELECT w.live, w.ever, r.tenant, r.running FROM"
            + " (SELECT count(DISTINCT worker_id) FILTER (WHERE expires_at > now()) AS live, count(*) AS ever"
            + " FROM worker_profile WHERE profile = :profile) w LEFT JOIN"
            + " (SELECT st.tenant, count(*) AS running FROM shot s JOIN story st ON st.id = s.story_id"
            + " WHERE st.profile = :profile AND s.state IN ('DISPATCHED', 'RUNNING') AND s.lease_expires_at > now()"
            + " AND st.state NOT IN " + FINAL_STATES + " GROUP BY st.tenant) r ON true";
    /**
     * The oldest {@code slots} of every tenant and class; with {@code ready}, only those past their backoff. Those are
     * among the oldest {@code slots} of each of their stories, so only those are ranked: a LIMIT per dispatchable story
     * (V120's index) over the story's own shots (the primary key), not a window over every queued shot of the profile.
     * The per-story read names only {@code state}, not {@code queued_at IS NOT NULL}, so that it cannot take the
     * profile-wide {@code shot_waiting} index once per story: the plan a table without statistics yet (a burst of new
     * shots) got, 22 ms a refill at 875 queued shots instead of about 1.
     */
    private static final String WAITING = "SELECT story_id, shot_index, tenant, priority, queued_ms FROM ("
            + " SELECT CAST(f.story_id AS text) AS story_id, f.shot_index, st.tenant, st.priority,"
            + " CAST(extract(epoch FROM f.queued_at) * 1000 AS bigint) AS queued_ms,"
            + " row_number() OVER (PARTITION BY st.tenant, st.priority ORDER BY f.queued_at, f.story_id, f.shot_index) AS place"
            + " FROM story st CROSS JOIN LATERAL (SELECT s.story_id, s.shot_index, s.queued_at FROM shot s"
            + " WHERE s.story_id = st.id AND s.state = 'QUEUED' AND (:ready = false OR s.not_before IS NULL OR s.not_before <= now())"
            + " ORDER BY s.queued_at, s.shot_index LIMIT :slots) f"
            + " WHERE st.profile = :profile AND st.state IN ('QUEUED', 'GENERATING') AND f.queued_at IS NOT NULL) w"
            + " WHERE place <= :slots";
    /** Each tenant's virtual seconds (a tenant row) and each class's clock (a class row), in one statement. */
    private static final String SHARES = "SELECT tenant, NULL AS priority_class, virtual_seconds FROM fair_share WHERE profile = :profile"
            + " UNION ALL SELECT NULL, priority_class, virtual_seconds FROM fair_clock WHERE profile = :profile";

    /** The fair-share state of one profile: each tenant's virtual seconds, the virtual clock of each class. */
    record Shares(Map<String, Double> virtualSeconds, Map<Integer, Double> clocks) {
    }

    private FleetQueries() {
    }

    /**
     * A profile's workers and what they render now.
     *
     * @param capacity live workers; the configured fallback while none has ever announced the profile
     * @param running attempts holding a lease, by tenant
     */
    record Load(int capacity, Map<String, Integer> running) {
        int busy() {
            return running.values().stream().mapToInt(Integer::intValue).sum();
        }

        int free() {
            return capacity - busy();
        }
    }

    static Uni<Load> load(Mutiny.Session session, String profile, OptionalInt fallback) {
        return session.createNativeQuery(LOAD, Object[].class).setParameter("profile", profile).getResultList().map(rows -> {
            Object[] first = rows.get(0);
            long live = ((Number) first[0]).longValue();
            long ever = ((Number) first[1]).longValue();
            Map<String, Integer> running = new HashMap<>();
            rows.stream().filter(row -> row[2] != null).forEach(row -> running.put((String) row[2], ((Number) row[3]).intValue()));
            return new Load(ever == 0 ? fallback.orElse(0) : (int) live, running);
        });
    }

    static Uni<List<FairShare.Candidate>> waiting(Mutiny.Session session, String profile, int slots, boolean ready) {
        return session.createNativeQuery(WAITING, Object[].class).setParameter("profile", profile).setParameter("slots", slots)
                .setParameter("ready", ready).getResultList()
                .map(rows -> rows.stream().map(row -> new FairShare.Candidate(UUID.fromString((String) row[0]),
                        ((Number) row[1]).intValue(), (String) row[2], priority((String) row[3]),
                        Instant.ofEpochMilli(((Number) row[4]).longValue()))).toList());
    }

    static Uni<Shares> shares(Mutiny.Session session, String profile) {
        return session.createNativeQuery(SHARES, Object[].class).setParameter("profile", profile).getResultList().map(rows -> {
            Map<String, Double> virtual = new HashMap<>();
            Map<Integer, Double> clocks = new HashMap<>();
            for (Object[] row : rows) {
                if (row[0] != null) {
                    virtual.put((String) row[0], ((Number) row[2]).doubleValue());
                } else {
                    clocks.put(((Number) row[1]).intValue(), ((Number) row[2]).doubleValue());
                }
            }
            return new Shares(virtual, clocks);
        });
    }

    private static Priority priority(String stored) {
        return ProtoNames.parseShortName(Priority.class, stored).orElse(Priority.PRIORITY_STANDARD);
    }
}
