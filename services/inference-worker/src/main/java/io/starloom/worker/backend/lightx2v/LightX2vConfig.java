package io.starloom.worker.backend.lightx2v;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.starloom.worker.backend.remote.RemoteSettings;

/** Settings of the lightx2v backend: a LightX2V task server ({@code python -m lightx2v.server}) next to the worker. */
@ConfigMapping(prefix = "starloom.worker.lightx2v")
public interface LightX2vConfig {
    /** The server's base URL (STARLOOM_BACKEND_URL), e.g. {@code http://127.0.0.1:8000}. */
    @WithDefault("http://127.0.0.1:8000")
    String url();

    /** Where the server keeps results ({@code save_result_path}); it offers a result for download only when given one. */
    @WithDefault("/tmp/starloom")
    String resultDirectory();

    @WithParentName
    RemoteSettings remote();
}
