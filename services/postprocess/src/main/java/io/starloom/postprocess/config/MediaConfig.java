package io.starloom.postprocess.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;

/** The shared media store (a filesystem volume): clips come from it, films go into it. */
@ConfigMapping(prefix = "starloom.media")
public interface MediaConfig {

    /** Root directory of the store; media URIs outside it are refused. */
    Path root();
}
