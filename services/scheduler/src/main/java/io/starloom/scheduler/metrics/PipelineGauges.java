package io.starloom.scheduler.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.Stage;
import io.starloom.scheduler.domain.StoryStatus;

/**
 * The pipeline's gauges on /q/metrics: stories by status and by stage, open shots and workers by model
 * profile, the workers' busy fraction, unsent commands, and stories ended without a film by reason. They are
 * read from the database (not counted in memory), so they survive restarts and agree across replicas.
 */
@ApplicationScoped
public class PipelineGauges {
    private static final Logger LOG = Logger.getLogger(PipelineGauges.class);

    private final PipelineQueries queries;
    private final MeterRegistry registry;
    private final Set<String> configuredProfiles;
    private final Duration refreshInterval;
    private final MultiGauge stories;
    private final MultiGauge stages;
    private final MultiGauge shots;
    private final MultiGauge workers;
    private final MultiGauge busy;
    private final MultiGauge pending;
    /** One monotonic count per (status, domain, reason): a Prometheus counter whose rate is failures per second. */
    private final Map<PipelineSnapshot.Ending, AtomicLong> endings = new ConcurrentHashMap<>();

    public PipelineGauges(PipelineQueries queries, MeterRegistry registry, SchedulerConfig config, MetricsConfig metrics) {
        this.queries = queries;
        this.refreshInterval = metrics.refreshInterval();
        this.registry = registry;
        this.configuredProfiles = Set.copyOf(config.profiles().keySet());
        stories = MultiGauge.builder("starloom.scheduler.stories").description("Stories by status").register(registry);
        stages = MultiGauge.builder("starloom.scheduler.stage.stories")
                .description("Stories a stage is working on or that wait for it (its queue depth in stories)").register(registry);
        shots = MultiGauge.builder("starloom.scheduler.generation.shots")
                .description("Shots of unfinished stories by model profile and status: queued, dispatched, running").register(registry);
        workers = MultiGauge.builder("starloom.scheduler.workers").description("Workers whose heartbeat holds, by the profile they serve")
                .register(registry);
        busy = MultiGauge.builder("starloom.scheduler.workers.busy")
                .description("Fraction of a profile's live workers rendering a shot now (GPU busy fraction)").register(registry);
        pending = MultiGauge.builder("starloom.scheduler.outbox.pending").description("Commands written but not yet sent, by queue")
                .register(registry);
    }

    /** Refreshes every starloom.metrics.refresh-interval from start-up on, never two refreshes at once. */
    void schedule(@Observes StartupEvent start, Scheduler scheduler) {
        scheduler.newJob(PipelineGauges.class.getName()).setInterval(refreshInterval.toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP).setAsyncTask(execution -> refresh()).schedule();
    }

    Uni<Void> refresh() {
        return queries.read().invoke(this::show).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            // The last figures stay on show; the next refresh tries again.
            LOG.warnf("pipeline metrics not refreshed: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    void show(PipelineSnapshot snapshot) {
        stories.register(Arrays.stream(StoryStatus.values())
                .map(s -> MultiGauge.Row.of(Tags.of("state", s.name()), snapshot.stories().getOrDefault(s, 0L))).toList(), true);
        stages.register(Arrays.stream(Stage.values()).map(stage -> MultiGauge.Row.of(Tags.of("stage", stage.name().toLowerCase()),
                stage.statuses().stream().mapToLong(s -> snapshot.stories().getOrDefault(s, 0L)).sum())).toList(), true);
        Set<String> profiles = new TreeSet<>(configuredProfiles);
        profiles.addAll(snapshot.shots().keySet());
        profiles.addAll(snapshot.liveWorkers().keySet());
        List<MultiGauge.Row<?>> shotRows = new ArrayList<>();
        List<MultiGauge.Row<?>> workerRows = new ArrayList<>();
        List<MultiGauge.Row<?>> busyRows = new ArrayList<>();
        for (String profile : profiles) {
            Map<ShotStatus, Long> open = snapshot.shots().getOrDefault(profile, Map.of());
            PipelineQueries.OPEN_SHOTS.forEach(s -> shotRows.add(MultiGauge.Row.of(Tags.of("profile", profile, "state", s.name()), open.getOrDefault(s, 0L))));
            long live = snapshot.liveWorkers().getOrDefault(profile, 0L);
            long rendering = snapshot.busyWorkers().getOrDefault(profile, 0L);
            workerRows.add(MultiGauge.Row.of(Tags.of("profile", profile), live));
            // A worker that just vanished may still hold a RUNNING shot: never report more than all of them busy.
            busyRows.add(MultiGauge.Row.of(Tags.of("profile", profile), live == 0 ? 0.0 : Math.min(1.0, (double) rendering / live)));
        }
        shots.register(shotRows, true);
        workers.register(workerRows, true);
        busy.register(busyRows, true);
        Set<String> queues = new TreeSet<>(Arrays.asList(Queues.WORK_QUEUES));
        queues.addAll(snapshot.pendingCommands().keySet());
        pending.register(queues.stream().map(q -> MultiGauge.Row.of(Tags.of("queue", q), snapshot.pendingCommands().getOrDefault(q, 0L))).toList(), true);
        snapshot.endings().forEach(this::count);
    }

    private void count(PipelineSnapshot.Ending ending) {
        PipelineSnapshot.Ending key = new PipelineSnapshot.Ending(ending.status(), ending.domain(), ending.reason(), 0);
        endings.computeIfAbsent(key, k -> {
            AtomicLong total = new AtomicLong();
            FunctionCounter.builder("starloom.scheduler.failures", total, AtomicLong::get)
                    .description("Stories ended without a film, by status (FAILED, REJECTED), deciding service and reason")
                    .tags("state", k.status().name(), "domain", k.domain(), "reason", k.reason()).register(registry);
            return total;
        }).set(ending.count());
    }
}
