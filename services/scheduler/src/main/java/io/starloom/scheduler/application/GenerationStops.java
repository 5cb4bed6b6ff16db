package io.starloom.scheduler.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.WorkDirectory;

/**
 * Tells the workers that a story's shots, or one shot, are no longer wanted: a mark in the media store they all read
 * before starting a shot and between polls of a remote task (which they then stop). Written after the cancel
 * committed; the media store is durable and shared, so a worker that starts later, or restarts, still sees it.
 */
@ApplicationScoped
public class GenerationStops {
    private static final Logger LOG = Logger.getLogger(GenerationStops.class);

    private final MediaAccess media;

    public GenerationStops(MediaAccess media) {
        this.media = media;
    }

    /** Never fails: a mark not written costs GPU time, not the cancel. */
    public Uni<Void> stop(UUID storyId) {
        return mark(MediaKey.generationStopped(storyId.toString()), "story " + storyId + ": workers could not be told to stop its shots");
    }

    /** The same for one shot of a story (every attempt of it), after CancelShot committed. */
    public Uni<Void> stopShot(UUID storyId, int shotIndex) {
        return mark(MediaKey.shotStopped(storyId.toString(), shotIndex), "story " + storyId + " shot " + shotIndex + ": its worker could not be told to stop");
    }

    private Uni<Void> mark(MediaKey key, String unwritten) {
        return media.blocking(store -> {
            try (WorkDirectory work = store.newWorkDirectory()) {
                Path mark = Files.writeString(work.path().resolve("stopped"), "canceled\n");
                store.put(key, mark);
            } catch (Exception e) {
                LOG.warnf("%s: %s", unwritten, e.getMessage());
            }
            return null;
        });
    }
}
