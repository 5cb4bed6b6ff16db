package io.starloom.scheduler.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.application.ReviewCases;
import io.starloom.scheduler.application.StageHandler;
import io.starloom.scheduler.application.StageRouter;
import io.starloom.scheduler.application.StoryChanges;

/**
 * The router with a recorder in front, for {@link StoryEventOrderTest} only (enabled by its profile): the events of
 * the stories it watches are recorded and take a few random milliseconds each instead of a transaction, so that
 * events handled out of order or at the same time as another of their story would show; every other story is
 * routed as usual. A singleton: the router has no constructor a client proxy could use.
 */
@Alternative
@Singleton
public class RecordingStageRouter extends StageRouter {
    /** Watched story → the shot index of each ShotStarted, in the order handling began. */
    final Map<UUID, List<Integer>> handled = new ConcurrentHashMap<>();
    /** Watched story → where the broker dead-lettered a message about it. */
    final Map<UUID, String> deadLettered = new ConcurrentHashMap<>();
    /** Watched story → events of it being handled right now (never more than 1 if they do not race). */
    private final Map<UUID, AtomicInteger> busy = new ConcurrentHashMap<>();
    final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();

    public RecordingStageRouter(@All List<StageHandler> handlers, StoryChanges changes, ReviewCases reviews) {
        super(handlers, changes, reviews);
    }

    void watch(UUID storyId) {
        handled.put(storyId, new CopyOnWriteArrayList<>());
        busy.put(storyId, new AtomicInteger());
    }

    @Override
    public Uni<Void> handle(UUID storyId, StoryEvent event) {
        List<Integer> order = handled.get(storyId);
        if (order == null) {
            return super.handle(storyId, event);
        }
        if (busy.get(storyId).incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        order.add(event.getShotStarted().getShotIndex());
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(ThreadLocalRandom.current().nextInt(2, 20)))
                .invoke(() -> {
                    inFlight.decrementAndGet();
                    busy.get(storyId).decrementAndGet();
                });
    }

    @Override
    public Uni<Void> deadLettered(UUID storyId, String where) {
        if (!handled.containsKey(storyId)) {
            return super.deadLettered(storyId, where);
        }
        deadLettered.put(storyId, where);
        return Uni.createFrom().voidItem();
    }
}
