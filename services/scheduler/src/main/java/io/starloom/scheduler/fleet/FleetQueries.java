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
    private static final String WORKERS = "SELECT count(DISTINCT worker_id) FILTER (WHERE expires_at > now()), count(*)"
            + " FROM worker_profile WHERE profile = :profile";
    private static final String RUNNING = "SELECT st.tenant, count(*) FROM shot s JOIN story st ON st.id = s.story_id"
            + " WHERE st.profile = :profile AND s.state IN ('DISPATCHED', 'RUNNING') AND s.lease_expires_at > now()"
            + " AND st.state NOT IN " + FINAL_STATES + " GROUP BY st.tenant";
    /** The oldest {@code slots} of every tenant and class; with {@code ready}, only those past their backoff. */
    private static final String WAITING = "SELECT story_id, shot_index, tenant, priority, queued_ms FROM ("
            + " SELECT CAST(s.story_id AS text) AS story_id, s.shot_index, st.tenant, st.priority,"
            + " CAST(extract(epoch FROM s.queued_at) * 1000 AS bigint) AS queued_ms,"
            + " row_number() OVER (PARTITION BY st.tenant, st.priority ORDER BY s.queued_at, s.story_id, s.shot_index) AS place"
            + " FROM shot s JOIN story st ON st.id = s.story_id"
            + " WHERE st.profile = :profile AND s.state = 'QUEUED' AND s.queued_at IS NOT NULL"
            + " AND (:ready = false OR s.not_before IS NULL OR s.not_before <= now()) AND st.state IN ('QUEUED', 'GENERATING')) w"
            + " WHERE place <= :slots";
    private static final String SHARES = "SELECT tenant, virtual_seconds FROM fair_share WHERE profile = :profile";
    private static final String CLOCKS = "SELECT priority_class, virtual_seconds FROM fair_clock WHERE profile = :profile";

    /** The fair-share state of one profile: each tenant's virtual seconds, the virtual clock of each class. */
    record Shares(Map<String, Double> virtualSeconds, Map<Integer, Double> clocks) {
    }

    private FleetQueries() {
    }

    /** Live workers of the profile; {@code fallback} while none has ever announced it. */
    static Uni<Integer> capacity(Mutiny.Session session, String profile, OptionalInt fallback) {
        return session.createNativeQuery(WORKERS, Object[].class).setParameter("profile", profile).getSingleResult().map(row -> {
            long live = ((Number) row[0]).longValue();
            long ever = ((Number) row[1]).longValue();
            return ever == 0 ? fallback.orElse(0) : (int) live;
        });
    }

    /** Attempts holding a lease, by tenant. */
    static Uni<Map<String, Integer>> running(Mutiny.Session session, String profile) {
        return session.createNativeQuery(RUNNING, Object[].class).setParameter("profile", profile).getResultList().map(rows -> {
            Map<String, Integer> running = new HashMap<>();
            rows.forEach(row -> running.put((String) row[0], ((Number) row[1]).intValue()));
            return running;
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
        return session.createNativeQuery(SHARES, Object[].class).setParameter("profile", profile).getResultList()
                .chain(rows -> session.createNativeQuery(CLOCKS, Object[].class).setParameter("profile", profile).getResultList().map(clockRows -> {
                    Map<String, Double> virtual = new HashMap<>();
                    rows.forEach(row -> virtual.put((String) row[0], ((Number) row[1]).doubleValue()));
                    Map<Integer, Double> clocks = new HashMap<>();
                    clockRows.forEach(row -> clocks.put(((Number) row[0]).intValue(), ((Number) row[1]).doubleValue()));
                    return new Shares(virtual, clocks);
                }));
    }

    private static Priority priority(String stored) {
        return ProtoNames.parseShortName(Priority.class, stored).orElse(Priority.PRIORITY_STANDARD);
    }
}
