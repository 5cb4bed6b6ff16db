package io.starloom.moderation.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaStore;

/** The shared media store the clips are screened from. */
public class MediaStoreProducer {

    @Produces
    @Singleton
    MediaStore mediaStore(MediaConfig config) {
        return new FileSystemMediaStore(config.root());
    }
}
