package io.starloom.scheduler.application;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.FilmFile;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.domain.StoryNotReadyException;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.StoryEntity;

/** The files of a finished story, read from the media store by the URIs postprocess reported. */
@ApplicationScoped
public class FilmFiles {
    /** Which of a film's files. */
    public enum Kind {
        VIDEO("video/mp4"), VTT("text/vtt;charset=utf-8"), SRT("application/x-subrip;charset=utf-8"),
        TRANSLATION_VTT("text/vtt;charset=utf-8"), TRANSLATION_SRT("application/x-subrip;charset=utf-8"), POSTER("image/jpeg"),
        MANIFEST("application/json");

        private final String mediaType;

        Kind(String mediaType) {
            this.mediaType = mediaType;
        }

        /** The media type the file is served with. */
        public String mediaType() {
            return mediaType;
        }

        /** The gRPC API's name for the file; UNSPECIFIED is the film. */
        public static Kind of(FilmFile file) {
            return switch (file) {
                case FILM_FILE_UNSPECIFIED, FILM_FILE_VIDEO -> VIDEO;
                case FILM_FILE_VTT -> VTT;
                case FILM_FILE_SRT -> SRT;
                case FILM_FILE_TRANSLATION_VTT -> TRANSLATION_VTT;
                case FILM_FILE_TRANSLATION_SRT -> TRANSLATION_SRT;
                case FILM_FILE_POSTER -> POSTER;
                case FILM_FILE_MANIFEST -> MANIFEST;
                case UNRECOGNIZED -> throw new InvalidRequestException(List.of(new FieldError("file", ErrorCode.FILM_FILE_UNKNOWN)), false);
            };
        }
    }

    private static final Logger LOG = Logger.getLogger(FilmFiles.class);

    private final StoryQueries queries;
    private final MediaAccess media;

    public FilmFiles(StoryQueries queries, MediaAccess media) {
        this.queries = queries;
        this.media = media;
    }

    public Uni<Path> file(Caller caller, String storyId, Kind kind) {
        return queries.entity(caller, storyId).chain(story -> {
            if (story.state != StoryStatus.COMPLETED || story.film == null) {
                throw new StoryNotReadyException(ErrorCode.FILM_NOT_READY, story.id, story.state);
            }
            Film film = StoryViews.parse(() -> Film.parseFrom(story.film));
            String uri = switch (kind) {
                case VIDEO -> film.getVideoUri();
                case VTT -> film.getVttUri();
                case SRT -> film.getSrtUri();
                case TRANSLATION_VTT -> film.getTranslationVttUri();
                case TRANSLATION_SRT -> film.getTranslationSrtUri();
                case POSTER -> film.getPosterUri();
                case MANIFEST -> film.getManifestUri();
            };
            if (uri.isEmpty()) {
                throw new StoryNotFoundException(ErrorCode.FILM_FILE_NOT_FOUND, storyId,
                        kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
            return resolve(story, uri);
        });
    }

    /** A completed story whose file is gone is our fault, not the caller's: logged, and answered as an internal error. */
    private Uni<Path> resolve(StoryEntity story, String uri) {
        return media.blocking(store -> {
            try {
                return store.localFile(uri);
            } catch (MediaNotFoundException | MediaReferenceException e) {
                LOG.errorf("film file of story %s cannot be read from the media store: %s", story.id, e.getMessage());
                throw new IllegalStateException("film file of story " + story.id + " is missing from the media store", e);
            }
        });
    }
}
