package io.starloom.postprocess.messaging;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.starloom.contracts.Failures;
import io.starloom.contracts.messaging.MalformedMessageException;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.postprocess.media.FilmAssembler;
import io.starloom.postprocess.media.MediaToolException;
import io.starloom.postprocess.media.UnassemblableFilmException;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.proto.v1.Film;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEvent;

/**
 * Assembles the film of each command on the postprocess queue and reports on the scheduler's event
 * queue: the film, or a stage failure for a command that can never succeed. A tool failure or a full
 * disk may pass, so the command is nacked and the broker redelivers it (then dead-letters it after its
 * last attempt); so is a body that is no AssembleFilmCommand. The command is acknowledged only once the
 * broker has accepted the event. FFmpeg blocks for seconds, so this runs on a worker thread, one film
 * at a time (ordered {@code @Blocking}): encoding already uses every core.
 */
@ApplicationScoped
public class AssembleFilmConsumer {
    static final String SOURCE = "/starloom/postprocess";
    static final String STAGE = "postprocess";
    private static final Logger LOG = Logger.getLogger(AssembleFilmConsumer.class);

    private final FilmAssembler assembler;
    private final MutinyEmitter<byte[]> events;

    public AssembleFilmConsumer(FilmAssembler assembler, @Channel("scheduler-events") MutinyEmitter<byte[]> events) {
        this.assembler = assembler;
        this.events = events;
    }

    @Incoming("postprocess-requests")
    @Blocking
    public Uni<Void> assemble(Message<byte[]> message) {
        AssembleFilmCommand command;
        try {
            command = ProtoEnvelope.open(message, AssembleFilmCommand.getDefaultInstance());
            if (command.getStoryId().isBlank()) {
                throw new MalformedMessageException("AssembleFilmCommand has no story_id");
            }
        } catch (MalformedMessageException e) {
            LOG.warnf("rejecting film request (story %s) for the dead-letter queue: %s",
                    ProtoEnvelope.subjectOf(message).orElse("unknown"), e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        StoryEvent event;
        try {
            event = eventFor(command);
        } catch (MediaToolException | UncheckedIOException e) {
            LOG.warnf("film of story %s failed, the broker will redeliver the request: %s", command.getStoryId(), e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return events.sendMessage(ProtoEnvelope.wrap(UUID.randomUUID().toString(), SOURCE, command.getStoryId(), event))
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not report story %s, the broker will redeliver the request: %s", command.getStoryId(), failure.getMessage());
                        return Uni.createFrom().completionStage(message.nack(failure));
                    }
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    private StoryEvent eventFor(AssembleFilmCommand command) {
        StoryEvent.Builder event = StoryEvent.newBuilder().setStoryId(command.getStoryId());
        long started = System.nanoTime();
        try {
            Film film = assembler.assemble(command);
            return event.setOccurTime(now()).setFilmAssembled(FilmAssembled.newBuilder()
                    .setFilm(film)
                    .setAssembleDuration(Durations.fromNanos(System.nanoTime() - started))).build();
        } catch (UnassemblableFilmException e) {
            LOG.infof("film of story %s cannot be assembled: %s", command.getStoryId(), e.getMessage());
            return event.setOccurTime(now())
                    .setStageFailed(StageFailed.newBuilder().setStage(STAGE).setFailure(Failures.of(STAGE, e.reason(), e.getMessage())))
                    .build();
        }
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
}
