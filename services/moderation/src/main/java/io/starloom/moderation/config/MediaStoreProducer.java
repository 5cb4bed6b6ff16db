package io.starloom.moderation.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.MediaStoreConfig;
import io.starloom.mesh.support.media.MediaStores;

/** The shared media store the clips are screened from and the frame thumbnails go to: a shared directory or S3 (starloom.media.store). */
public class MediaStoreProducer {

    @Produces
    @Singleton
    MediaStore mediaStore(MediaConfig config, MediaStoreConfig store) {
        return MediaStores.open(store, config.root());
    }
}
