package io.starloom.worker.media;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.MediaStoreConfig;
import io.starloom.mesh.support.media.MediaStores;
import io.starloom.worker.config.WorkerConfig;

/** The shared media store the clips go to and postprocess reads them from: a shared directory or S3 (starloom.media.store). */
public class MediaStoreProducer {

    @Produces
    @Singleton
    MediaStore mediaStore(WorkerConfig config, MediaStoreConfig store) {
        return MediaStores.open(store, config.media().root());
    }
}
