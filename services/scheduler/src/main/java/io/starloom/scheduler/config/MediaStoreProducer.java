package io.starloom.scheduler.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.MediaStoreConfig;
import io.starloom.mesh.support.media.MediaStores;

/** The shared media store the films are read from, where postprocess writes them: a shared directory or S3 (starloom.media.store). */
public class MediaStoreProducer {

    @Produces
    @Singleton
    MediaStore mediaStore(SchedulerConfig config, MediaStoreConfig store) {
        return MediaStores.open(store, config.media().root());
    }
}
