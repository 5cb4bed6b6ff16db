package io.starloom.postprocess.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shared media store (a filesystem volume): clips come from it, films go into it. */
@ConfigMapping(prefix = "starloom.media")
public interface MediaConfig {

    /** Root directory of the store, shared with inference-worker and scheduler (STARLOOM_MEDIA_ROOT). */
    @WithDefault("${java.io.tmpdir}/starloom-media")
    Path root();
}
