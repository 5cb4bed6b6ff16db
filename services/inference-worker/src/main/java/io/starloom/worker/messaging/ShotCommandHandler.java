package io.starloom.worker.messaging;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.protobuf.util.Durations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.config.WorkerIdentity;
import io.starloom.worker.shot.ShotCommandValidator;
import io.starloom.worker.shot.ShotExecutor;
import io.starloom.worker.shot.ShotOutcome;
import io.starloom.worker.shot.WorkerActivity;

/**
 * Handles one generation command: ShotStarted, the render on a worker thread with ShotProgress renewing the
 * attempt's lease meanwhile, then ShotGenerated or ShotFailed. It answers how the broker should settle the command, and only once the result event was
 * accepted by the broker: a worker that dies mid-shot leaves the command to be delivered again.
 */
@ApplicationScoped
public class ShotCommandHandler {
    /** What the broker is told about a command. */
    public enum Settlement {
        /** Done with, whatever the outcome: remove it from the queue. */
        ACCEPT,
        /** Could not be handled: deliver it again, and dead-letter it after the last attempt. */
        REDELIVER
    }

    private static final Logger LOG = Logger.getLogger(ShotCommandHandler.class);

    private final ShotCommandValidator validator;
    private final ShotExecutor executor;
    private final StoryEventPublisher events;
    private final VideoBackend backend;
    private final WorkerIdentity identity;
    private final WorkerActivity activity;
    private final MeterRegistry registry;

    public ShotCommandHandler(ShotCommandValidator validator, ShotExecutor executor, StoryEventPublisher events, VideoBackend backend,
            WorkerIdentity identity, WorkerActivity activity, MeterRegistry registry) {
        this.validator = validator;
        this.executor = executor;
        this.events = events;
        this.backend = backend;
        this.identity = identity;
        this.activity = activity;
        this.registry = registry;
    }

    /**
     * @param type the message's CloudEvents type
     * @param subject the message's CloudEvents subject (the story id)
     */
    public Uni<Settlement> handle(String type, String subject, byte[] body) {
        GenerateShotCommand command;
        try {
            command = ProtoEnvelope.open(type, subject, body, GenerateShotCommand.getDefaultInstance());
        } catch (MalformedMessageException e) {
            LOG.warnf("unreadable generation command returned to the broker (dead-lettered after %d deliveries): %s",
                    Queues.MAX_DELIVERY_ATTEMPTS, e.getMessage());
            return Uni.createFrom().item(Settlement.REDELIVER);
        }
        String story = command.getStoryId();
        Optional<String> problems = validator.problems(command);
        if (problems.isPresent()) {
            LOG.warnf("story %s shot %d attempt %d refused: %s", story, command.getShotIndex(), command.getAttempt(), problems.get());
            record(command.getProfile().getName(), "invalid", ShotOutcome.INVALID_COMMAND, Duration.ZERO);
            ShotOutcome refused = new ShotOutcome.Failed(ShotOutcome.INVALID_COMMAND, problems.get(), BackendFailure.Kind.PERMANENT);
            activity.count(refused);
            return settleAfter(command, events.publish(story, ShotEvents.finished(command, refused, backend.name())));
        }
        // Checked before anything is spent: a canceled story's queued shots are never started.
        return Uni.createFrom().item(() -> executor.wanted(command)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(wanted -> wanted ? run(command) : skip(command));
    }

    private Uni<Settlement> skip(GenerateShotCommand command) {
        LOG.infof("story %s shot %d attempt %d not started: the story's generation was stopped", command.getStoryId(),
                command.getShotIndex(), command.getAttempt());
        record(command.getProfile().getName(), "canceled", "", Duration.ZERO);
        return Uni.createFrom().item(Settlement.ACCEPT);
    }

    private Uni<Settlement> run(GenerateShotCommand command) {
        String story = command.getStoryId();
        long begin = System.nanoTime();
        // One line per delivery taken: the fault runs count an attempt started twice (a redelivery) from it.
        LOG.infof("story %s shot %d attempt %d: started", story, command.getShotIndex(), command.getAttempt());
        activity.started(command);
        Cancellable[] renewing = new Cancellable[1];
        Uni<Void> shot = events.publish(story, ShotEvents.started(command, identity.id(), backend.name()))
                .invoke(() -> renewing[0] = renewLease(command))
                .chain(() -> Uni.createFrom().item(() -> executor.execute(command)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .invoke(outcome -> report(command, outcome, Duration.ofNanos(System.nanoTime() - begin)))
                .chain(outcome -> events.publish(story, ShotEvents.finished(command, outcome, backend.name())))
                .eventually(() -> {
                    if (renewing[0] != null) {
                        renewing[0].cancel();
                    }
                    activity.idle();
                });
        return settleAfter(command, shot);
    }

    /**
     * ShotProgress every lease_renew_interval the command names while the shot renders (a shot can take many
     * minutes): without it the scheduler takes the shot back. A progress event that does not reach the broker
     * is only logged; the next one renews the lease as well.
     */
    private Cancellable renewLease(GenerateShotCommand command) {
        long every = Durations.toMillis(command.getLeaseRenewInterval());
        if (every <= 0) {
            return () -> { };
        }
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(every)).every(Duration.ofMillis(every))
                .onItem().transformToUniAndConcatenate(tick -> events.publish(command.getStoryId(), ShotEvents.progress(command, identity.id()))
                        .onFailure().invoke(failure -> LOG.debugf("story %s shot %d: lease not renewed this time: %s", command.getStoryId(),
                                command.getShotIndex(), failure.getMessage()))
                        .onFailure().recoverWithNull())
                .subscribe().with(ignored -> { });
    }

    private static Uni<Settlement> settleAfter(GenerateShotCommand command, Uni<Void> work) {
        return work.replaceWith(Settlement.ACCEPT).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "story %s shot %d attempt %d: no result reached the broker; the command goes back to the queue",
                    command.getStoryId(), command.getShotIndex(), command.getAttempt());
            return Settlement.REDELIVER;
        });
    }

    private void report(GenerateShotCommand command, ShotOutcome outcome, Duration took) {
        activity.count(outcome);
        String profile = command.getProfile().getName();
        if (outcome instanceof ShotOutcome.Generated generated) {
            record(profile, generated.reused() ? "reused" : "generated", "", took);
            LOG.infof("story %s shot %d attempt %d: %s %d frames %dx%d in %d ms -> %s", command.getStoryId(), command.getShotIndex(),
                    command.getAttempt(), generated.reused() ? "reused" : backend.name() + " rendered", generated.facts().frames(),
                    generated.facts().width(), generated.facts().height(), took.toMillis(), generated.clipUri());
        } else {
            record(profile, "failed", outcome instanceof ShotOutcome.Failed failed ? failed.reason() : "", took);
        }
    }

    /** Shot seconds by backend, model profile, outcome and (failed shots) machine-readable reason. */
    private void record(String profile, String outcome, String reason, Duration took) {
        Timer.builder("starloom.worker.shots").description("Shots handled by this worker, by profile, outcome and failure reason")
                .tag("backend", backend.name()).tag("profile", profile).tag("outcome", outcome).tag("reason", reason)
                .register(registry).record(took);
    }
}
