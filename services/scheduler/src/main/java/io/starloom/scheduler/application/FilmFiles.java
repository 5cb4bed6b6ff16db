package io.starloom.scheduler.application;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.Film;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.StoryEntity;

/** The files of a finished story in the media store, resolved only inside the media root. */
@ApplicationScoped
public class FilmFiles {
    /** Which of a film's files. */
    public enum Kind {
        VIDEO, VTT, SRT
    }

    private final StoryQueries queries;
    private final Path mediaRoot;

    public FilmFiles(StoryQueries queries, SchedulerConfig config) {
        this.queries = queries;
        this.mediaRoot = config.media().root().toAbsolutePath().normalize();
    }

    public Uni<Path> file(Caller caller, String storyId, Kind kind) {
        return queries.entity(caller, storyId).map(story -> {
            if (story.state != StoryStatus.COMPLETED || story.film == null) {
                throw new StoryNotReadyException("story " + story.id + " has no film yet (state "
                        + story.state + ")");
            }
            Film film = StoryViews.parse(() -> Film.parseFrom(story.film));
            String uri = switch (kind) {
                case VIDEO -> film.getVideoUri();
                case VTT -> film.getVttUri();
                case SRT -> film.getSrtUri();
            };
            return resolve(story, uri);
        });
    }

    private Path resolve(StoryEntity story, String uri) {
        Path path = Path.of(URI.create(uri)).toAbsolutePath().normalize();
        if (!path.startsWith(mediaRoot) || !Files.isRegularFile(path)) {
            throw new IllegalStateException("film file of story " + story.id + " is missing from the media store: " + uri);
        }
        return path;
    }
}
