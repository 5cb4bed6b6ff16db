package io.starloom.scheduler.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaStore;

/** The shared media store the films are read from, on the volume postprocess writes them to. */
public class MediaStoreProducer {

    @Produces
    @Singleton
    MediaStore mediaStore(SchedulerConfig config) {
        return new FileSystemMediaStore(config.media().root());
    }
}
