package io.starloom.worker.backend.openai;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.starloom.worker.backend.remote.RemoteSettings;

/** Settings of the openai-videos backend: an OpenAI-compatible {@code /v1/videos} server next to the worker. */
@ConfigMapping(prefix = "starloom.worker.openai-videos")
public interface OpenAiVideosConfig {
    /** How the create call is encoded; the servers differ (see docs/backends.md). */
    enum Encoding {
        /** multipart/form-data: vLLM-Omni, which answers a JSON body with 400 "prompt Field required". */
        MULTIPART,
        /** application/json: SGLang diffusion. */
        JSON
    }

    /** The server's base URL (STARLOOM_BACKEND_URL), e.g. {@code http://127.0.0.1:8091}. */
    @WithDefault("http://127.0.0.1:8091")
    String url();

    @WithDefault("multipart")
    Encoding encoding();

    /** Sent as {@code model} when set; vLLM-Omni answers 400 "Model mismatch" to another model than it serves. */
    Optional<String> model();

    /** Bearer key, when the server was started with one ({@code --api-key}); never logged. */
    Optional<String> apiKey();

    @WithParentName
    RemoteSettings remote();
}
