package io.starloom.mesh.support.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Failures;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEvent;

/**
 * The request loop of a stage service: open the command, do the stage's work, report the outcome to the
 * scheduler as a {@link StoryEvent}, and only then acknowledge the command.
 * <ul>
 * <li>A message that is not a valid command of the stage is nacked: the broker redelivers it a bounded number
 * of times and then dead-letters it, where the scheduler fails the story.</li>
 * <li>A {@link StageFailureException} from the work is an outcome, not an error: it is reported as
 * {@link StageFailed} and the command acked.</li>
 * <li>Any other failure of the work, or an event the broker did not accept (or did not answer within the
 * report timeout), may pass: the command is nacked and redelivered.</li>
 * </ul>
 *
 * @param <C> the stage's command; every mesh command names its story in a {@code story_id} field
 */
public final class StageConsumer<C extends com.google.protobuf.Message> {
    private static final Logger LOG = Logger.getLogger(StageConsumer.class);
    private static final String STORY_ID_FIELD = "story_id";
    /** The MDC key of the story a log line is about. */
    public static final String STORY_ID_MDC = "storyId";
    /**
     * The longest a report may be pending. The {@code @Incoming} stream handles one command at a time, so a send
     * that never completes (a broker gone mid-send) would stall the stage for good; past this the command is
     * nacked and redelivered instead. Above {@link BrokerLink}'s own send and connect bounds (10 s each).
     */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);

    private final String stage;
    private final String source;
    private final C prototype;
    private final FieldDescriptor storyIdField;
    private final EventSender events;
    private final Duration reportTimeout;

    /**
     * @param stage the stage's name in the pipeline, e.g. "enrichment": the StageFailed stage, the failure
     *        domain and the event source
     * @param prototype the command's default instance, e.g. {@code EnrichStoryCommand.getDefaultInstance()}
     * @param events where the events go: in a service {@link SchedulerEvents}
     */
    public StageConsumer(String stage, C prototype, EventSender events) {
        this(stage, prototype, events, REPORT_TIMEOUT);
    }

    /** @param reportTimeout how long a report may take before the command is nacked (and redelivered) */
    public StageConsumer(String stage, C prototype, EventSender events, Duration reportTimeout) {
        this.reportTimeout = reportTimeout;
        this.source = MeshSource.of(stage);
        this.stage = stage;
        this.prototype = prototype;
        this.storyIdField = storyIdField(prototype);
        this.events = events;
    }

    /**
     * Handles one command with work that finishes on the calling thread, so that a {@code @Blocking}
     * consumer keeps it on its worker thread.
     *
     * @param work the event for the command, with its payload set; story id and time are filled in
     */
    public Uni<Void> handle(Message<byte[]> message, Function<C, StoryEvent.Builder> work) {
        return handleAsync(message, command -> Uni.createFrom().item(work.apply(command)));
    }

    /** Handles one command with work that completes later, e.g. a call to another service. */
    public Uni<Void> handleAsync(Message<byte[]> message, Function<C, Uni<StoryEvent.Builder>> work) {
        C command;
        try {
            command = ProtoEnvelope.open(message, prototype);
        } catch (MalformedMessageException e) {
            LOG.warnf("rejecting %s request (story %s) for the dead-letter queue: %s", stage,
                    ProtoEnvelope.subjectOf(message).orElse("unknown"), e.getMessage());
            return nack(message, e);
        }
        String storyId = (String) command.getField(storyIdField);
        // Every log line of this request names its story (a field of its own in JSON logs).
        MDC.put(STORY_ID_MDC, storyId);
        return run(work, command)
                .map(event -> stamped(event, storyId))
                .onFailure(StageFailureException.class)
                .recoverWithItem(failure -> stageFailed(storyId, (StageFailureException) failure))
                .onItemOrFailure().transformToUni((event, failure) -> {
                    if (failure != null) {
                        LOG.warnf(failure, "%s of story %s failed, the broker will redeliver the request", stage, storyId);
                        return nack(message, failure);
                    }
                    return report(message, storyId, event);
                });
    }

    private Uni<StoryEvent.Builder> run(Function<C, Uni<StoryEvent.Builder>> work, C command) {
        try {
            return work.apply(command);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private StoryEvent stamped(StoryEvent.Builder event, String storyId) {
        if (event == null || event.getPayloadCase() == StoryEvent.PayloadCase.PAYLOAD_NOT_SET) {
            throw new IllegalStateException("the " + stage + " stage produced no event payload");
        }
        return event.setStoryId(storyId).setOccurTime(now()).build();
    }

    private StoryEvent stageFailed(String storyId, StageFailureException failure) {
        LOG.infof("story %s failed the %s stage (%s): %s", storyId, stage, failure.reason(), failure.getMessage());
        return stamped(StoryEvent.newBuilder().setStageFailed(StageFailed.newBuilder()
                .setStage(stage)
                .setFailure(Failures.of(stage, failure.reason(), failure.getMessage()))), storyId);
    }

    private Uni<Void> report(Message<byte[]> message, String storyId, StoryEvent event) {
        // The event continues the command's trace, so one story is one trace across the mesh.
        return events.send(TraceContext.carry(ProtoEnvelope.wrap(UUID.randomUUID().toString(), source, storyId, event), TraceContext.of(message)))
                .ifNoItem().after(reportTimeout).failWith(() -> new IllegalStateException("no answer from the broker within " + reportTimeout))
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not report story %s, the broker will redeliver the request: %s", storyId,
                                failure.getMessage());
                        return nack(message, failure);
                    }
                    return Uni.createFrom().completionStage(message::ack);
                });
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static Uni<Void> nack(Message<?> message, Throwable failure) {
        return Uni.createFrom().completionStage(() -> message.nack(failure));
    }

    private static FieldDescriptor storyIdField(com.google.protobuf.Message prototype) {
        FieldDescriptor field = prototype.getDescriptorForType().findFieldByName(STORY_ID_FIELD);
        if (field == null || field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.STRING) {
            throw new IllegalArgumentException(prototype.getDescriptorForType().getFullName()
                    + " is no mesh command: it has no string " + STORY_ID_FIELD);
        }
        return field;
    }
}
