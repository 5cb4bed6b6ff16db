package io.starloom.moderation.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shared media store (a filesystem volume): clips are read from it, frame thumbnails go into it. */
@ConfigMapping(prefix = "starloom.media")
public interface MediaConfig {

    /** Root directory of the store, shared with inference-worker, postprocess and scheduler (STARLOOM_MEDIA_ROOT). */
    @WithDefault("${java.io.tmpdir}/starloom-media")
    Path root();
}
