package io.starloom.worker.media;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.worker.config.WorkerConfig;

/** The shared media store the clips go to, on the filesystem volume postprocess reads them from. */
public class MediaStoreProducer {

    @Produces
    @Singleton
    MediaStore mediaStore(WorkerConfig config) {
        return new FileSystemMediaStore(config.media().root());
    }
}
