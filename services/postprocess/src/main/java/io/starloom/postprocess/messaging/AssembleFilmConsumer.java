package io.starloom.postprocess.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.google.protobuf.util.Durations;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.mesh.support.messaging.SchedulerEvents;
import io.starloom.mesh.support.messaging.StageConsumer;
import io.starloom.mesh.support.messaging.StageFailureException;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.postprocess.media.FilmAssembler;
import io.starloom.postprocess.media.UnassemblableFilmException;
import io.starloom.proto.v1.Film;

/**
 * Assembles the film of each command on the postprocess queue: the film, or a stage failure for a command
 * that can never succeed. A tool failure or a full disk (MediaToolException, UncheckedIOException) may pass,
 * so the command is redelivered. FFmpeg blocks for seconds, so this runs on a worker thread, one film at a
 * time (ordered {@code @Blocking}): encoding already uses every core.
 */
@ApplicationScoped
public class AssembleFilmConsumer {
    static final String STAGE = "postprocess";

    private final FilmAssembler assembler;
    private final StageConsumer<AssembleFilmCommand> stage;

    public AssembleFilmConsumer(FilmAssembler assembler, SchedulerEvents events) {
        this.assembler = assembler;
        this.stage = new StageConsumer<>(STAGE, AssembleFilmCommand.getDefaultInstance(), events);
    }

    @Incoming(Queues.POSTPROCESS_REQUESTS)
    @Blocking
    public Uni<Void> assemble(Message<byte[]> message) {
        return stage.handle(message, this::assembled);
    }

    private StoryEvent.Builder assembled(AssembleFilmCommand command) {
        long started = System.nanoTime();
        Film film;
        try {
            film = assembler.assemble(command);
        } catch (UnassemblableFilmException e) {
            throw new StageFailureException(e.reason(), e.getMessage());
        }
        return StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder()
                .setFilm(film)
                .setAssembleDuration(Durations.fromNanos(System.nanoTime() - started)));
    }
}
