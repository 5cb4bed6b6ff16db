package io.starloom.scheduler.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.IsolatedSessions;

/** Reads a {@link PipelineSnapshot}: a handful of grouped counts, in one read-only session of its own. */
@ApplicationScoped
class PipelineQueries {
    /** Shots not done yet: waiting on their generation queue, taken by a worker, rendering. */
    static final Set<ShotStatus> OPEN_SHOTS = EnumSet.of(ShotStatus.QUEUED, ShotStatus.DISPATCHED, ShotStatus.RUNNING);
    private static final Set<StoryStatus> GENERATING = EnumSet.of(StoryStatus.QUEUED, StoryStatus.GENERATING);
    private static final Set<StoryStatus> UNFILMED_ENDS = EnumSet.of(StoryStatus.FAILED, StoryStatus.REJECTED);

    private final IsolatedSessions sessions;

    PipelineQueries(IsolatedSessions sessions) {
        this.sessions = sessions;
    }

    Uni<PipelineSnapshot> read() {
        return sessions.run(() -> Panache.withSession(() -> Panache.getSession().chain((Mutiny.Session session) -> read(session))));
    }

    private Uni<PipelineSnapshot> read(Mutiny.Session session) {
        Map<StoryStatus, Long> stories = new EnumMap<>(StoryStatus.class);
        Map<String, Map<ShotStatus, Long>> shots = new HashMap<>();
        Map<String, Long> live = new HashMap<>();
        Map<String, Long> busy = new HashMap<>();
        List<PipelineSnapshot.Ending> endings = new ArrayList<>();
        Map<String, Long> pending = new HashMap<>();
        return rows(session.createSelectionQuery("select s.state, count(s) from StoryEntity s group by s.state", Object[].class))
                .invoke(rows -> rows.forEach(r -> stories.put((StoryStatus) r[0], (Long) r[1])))
                .chain(() -> rows(session.createSelectionQuery("select st.profile, sh.state, count(sh) from ShotEntity sh join StoryEntity st "
                        + "on st.id = sh.storyId where sh.state in :open and st.state in :generating group by st.profile, sh.state", Object[].class)
                        .setParameter("open", OPEN_SHOTS).setParameter("generating", GENERATING)))
                .invoke(rows -> rows.forEach(r -> shots.computeIfAbsent((String) r[0], p -> new EnumMap<>(ShotStatus.class)).put((ShotStatus) r[1], (Long) r[2])))
                .chain(() -> rows(session.createSelectionQuery("select w.profile, count(distinct w.workerId) from WorkerProfileEntity w "
                        + "where w.expiresAt > :now group by w.profile", Object[].class).setParameter("now", Instant.now())))
                .invoke(rows -> rows.forEach(r -> live.put((String) r[0], (Long) r[1])))
                .chain(() -> rows(session.createSelectionQuery("select st.profile, count(distinct sh.workerId) from ShotEntity sh join StoryEntity st "
                        + "on st.id = sh.storyId where sh.state = :running and sh.workerId is not null and st.state in :generating "
                        + "group by st.profile", Object[].class).setParameter("running", ShotStatus.RUNNING).setParameter("generating", GENERATING)))
                .invoke(rows -> rows.forEach(r -> busy.put((String) r[0], (Long) r[1])))
                .chain(() -> rows(session.createSelectionQuery("select s.state, coalesce(s.failureDomain, ''), coalesce(s.failureReason, ''), count(s) "
                        + "from StoryEntity s where s.state in :ends group by s.state, s.failureDomain, s.failureReason", Object[].class)
                        .setParameter("ends", UNFILMED_ENDS)))
                .invoke(rows -> rows.forEach(r -> endings.add(new PipelineSnapshot.Ending((StoryStatus) r[0], (String) r[1], (String) r[2], (Long) r[3]))))
                .chain(() -> rows(session.createSelectionQuery("select o.destination, count(o) from OutboxEntity o where o.publishedAt is null "
                        + "group by o.destination", Object[].class)))
                .invoke(rows -> rows.forEach(r -> pending.put((String) r[0], (Long) r[1])))
                .map(ignored -> new PipelineSnapshot(stories, shots, live, busy, endings, pending));
    }

    private static Uni<List<Object[]>> rows(Mutiny.SelectionQuery<Object[]> query) {
        return query.getResultList();
    }
}
