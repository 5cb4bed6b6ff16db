package io.starloom.scheduler.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.application.StageRouter;
import io.starloom.scheduler.config.EventReceiversConfig;
import io.starloom.scheduler.metrics.ShotMetrics;

/**
 * Everything the stages report. The broker groups the events by story (their AMQP group-id) and pins each
 * group to one of the channel's receivers ({@code starloom.scheduler.event-receivers}, copies of this method's
 * channel): one story's events are handled one after another in order of arrival, different stories' at the
 * same time, and with two replicas still one receiver per story. A message that cannot be read is refused; the
 * broker redelivers it a bounded number of times and then moves it to the dead-letter queue.
 */
@ApplicationScoped
public class SchedulerEventConsumer {
    private static final Logger LOG = Logger.getLogger(SchedulerEventConsumer.class);

    private final StageRouter router;
    private final ShotMetrics shotMetrics;
    private final EventReceiversConfig receivers;

    public SchedulerEventConsumer(StageRouter router, ShotMetrics shotMetrics, EventReceiversConfig receivers) {
        this.router = router;
        this.shotMetrics = shotMetrics;
        this.receivers = receivers;
    }

    void started(@Observes StartupEvent start) {
        LOG.infof("%d receivers on %s, the broker keeping each story's events on one of them", receivers.eventReceivers(),
                Queues.SCHEDULER_EVENTS);
    }

    @Incoming(Queues.SCHEDULER_EVENTS)
    public Uni<Void> consume(Message<byte[]> message) {
        StoryEvent event;
        UUID storyId;
        try {
            event = ProtoEnvelope.open(message, StoryEvent.getDefaultInstance());
            storyId = UUID.fromString(event.getStoryId());
        } catch (MalformedMessageException | IllegalArgumentException e) {
            LOG.warnf("unreadable event refused: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        // The commands this event leads to continue the story's trace (OutboxWriter stores it with them).
        TraceContext.adopt(message);
        // Measured after the event is handled, not waited for: the next event (a freed GPU) is not held up by it.
        return router.handle(storyId, event).invoke(() -> shotMetrics.observe(storyId, event).subscribe().with(ignored -> {
        }))
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
