package io.starloom.scheduler.application;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.persistence.ShotEntity;

/**
 * The thumbnail of a shot whose clip exists: a small JPEG of a middle frame that the worker writes beside the clip
 * ({@code …/shot-<NNN>-a<attempt>.thumb.jpg}) before it reports it, so that a page shows each shot as it is generated.
 */
@ApplicationScoped
public class ShotThumbnails {
    private static final String CLIP_SUFFIX = ".mp4";
    private static final String THUMBNAIL_SUFFIX = ".thumb.jpg";

    private final StoryQueries queries;
    private final MediaStore media;

    public ShotThumbnails(StoryQueries queries, MediaStore media) {
        this.queries = queries;
        this.media = media;
    }

    /** The REST path of a shot's thumbnail, given on the shot once its clip exists. */
    public static String path(String storyId, int shotIndex) {
        return "/v1/stories/" + storyId + "/shots/" + shotIndex + "/thumbnail";
    }

    /**
     * The thumbnail of the shot's current clip. Not found: another tenant's story, no such shot, no clip yet, or a
     * clip without a thumbnail (made before workers wrote them, or one whose frame could not be scaled).
     */
    public Uni<Path> thumbnail(Caller caller, String storyId, int shotIndex) {
        return queries.entity(caller, storyId)
                .chain(story -> Panache.withSession(() -> ShotEntity.<ShotEntity>findById(new ShotEntity.Key(story.id, shotIndex))))
                .map(shot -> {
                    if (shot == null || shot.clipUri == null || !shot.clipUri.endsWith(CLIP_SUFFIX)) {
                        throw new StoryNotFoundException(storyId, "thumbnail of shot " + shotIndex);
                    }
                    // The thumbnail's key is the clip's with another suffix (MediaKey.clipThumbnail); the same holds for its URI.
                    String uri = shot.clipUri.substring(0, shot.clipUri.length() - CLIP_SUFFIX.length()) + THUMBNAIL_SUFFIX;
                    try {
                        return media.localFile(uri);
                    } catch (MediaNotFoundException | MediaReferenceException e) {
                        throw new StoryNotFoundException(storyId, "thumbnail of shot " + shotIndex);
                    }
                });
    }
}
