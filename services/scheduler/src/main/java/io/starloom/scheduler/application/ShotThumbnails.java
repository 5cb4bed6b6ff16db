package io.starloom.scheduler.application;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.persistence.ShotEntity;

/**
 * The thumbnail of a shot whose clip exists: a small JPEG of a middle frame that the worker writes beside the clip
 * ({@code …/shot-<NNN>-a<attempt>.thumb.jpg}) before it reports it, so that a page shows each shot as it is generated.
 */
@ApplicationScoped
public class ShotThumbnails {
    private final StoryQueries queries;
    private final MediaAccess media;

    public ShotThumbnails(StoryQueries queries, MediaAccess media) {
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
                .chain(shot -> {
                    if (shot == null || shot.clipUri == null) {
                        throw new StoryNotFoundException(ErrorCode.SHOT_THUMBNAIL_NOT_FOUND, storyId, shotIndex);
                    }
                    // Named from the reported clip, not the shot's attempt: a shot being generated again still shows its last clip.
                    return media.blocking(store -> {
                        try {
                            return store.localFile(store.uriOf(MediaKey.thumbnailOf(store.keyOf(shot.clipUri))));
                        } catch (MediaNotFoundException | MediaReferenceException e) {
                            throw new StoryNotFoundException(ErrorCode.SHOT_THUMBNAIL_NOT_FOUND, storyId, shotIndex);
                        }
                    });
                });
    }
}
