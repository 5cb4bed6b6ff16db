package io.starloom.scheduler.metrics;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.persistence.IsolatedSessions;

/**
 * Shot seconds by model profile (a histogram, from the render time each worker reports) and shot failures by
 * reason, counted as the events arrive: each event reaches one scheduler replica, so replicas sum.
 */
@ApplicationScoped
public class ShotMetrics {
    private static final Logger LOG = Logger.getLogger(ShotMetrics.class);

    private final MeterRegistry registry;
    private final IsolatedSessions sessions;

    public ShotMetrics(MeterRegistry registry, IsolatedSessions sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /** Records a shot event of a story the router has handled; never fails, so the event is acked as handled. */
    public Uni<Void> observe(UUID storyId, StoryEvent event) {
        if (!event.hasShotGenerated() && !event.hasShotFailed()) {
            return Uni.createFrom().voidItem();
        }
        return profileOf(storyId).invoke(profile -> {
            if (profile == null) {
                return;
            }
            if (event.hasShotGenerated()) {
                generated(profile, event.getShotGenerated());
            } else {
                failed(profile, event.getShotFailed());
            }
        }).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            LOG.debugf("shot of %s not measured: %s", storyId, failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private void generated(String profile, ShotGenerated shot) {
        Duration took = Duration.ofSeconds(shot.getRenderDuration().getSeconds(), shot.getRenderDuration().getNanos());
        // Buckets from a second (hosted previews) to two hours (A14B 720p on a slow GPU).
        Timer.builder("starloom.scheduler.shots").description("Render time of generated shots as the workers report it, by model profile")
                .tags("profile", profile, "backend", shot.getBackend()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry).record(took);
    }

    private void failed(String profile, ShotFailed shot) {
        Counter.builder("starloom.scheduler.shot.failures").description("Failed shot attempts by model profile and reason")
                .tags("profile", profile, "reason", shot.getFailure().getReason(), "retryable", String.valueOf(shot.getRetryable()))
                .register(registry).increment();
    }

    private Uni<String> profileOf(UUID storyId) {
        return sessions.run(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select s.profile from StoryEntity s where s.id = :id", String.class).setParameter("id", storyId)
                .getSingleResultOrNull())));
    }
}
