package io.starloom.worker.backend.dashscope;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import io.starloom.worker.backend.remote.RemoteSettings;

/** Settings of the dashscope backend: hosted Wan on Alibaba Cloud Model Studio. */
@ConfigMapping(prefix = "starloom.worker.dashscope")
public interface DashScopeConfig {
    /**
     * The region's or workspace's base URL (STARLOOM_BACKEND_URL): {@code https://dashscope-intl.aliyuncs.com}
     * (Singapore), {@code https://dashscope.aliyuncs.com} (Beijing), {@code https://dashscope-us.aliyuncs.com}
     * (Virginia), or {@code https://<WorkspaceId>.ap-southeast-1.maas.aliyuncs.com}. Key, model and URL must be
     * of the same region.
     */
    @WithDefault("https://dashscope-intl.aliyuncs.com")
    String baseUrl();

    /** The API key (DASHSCOPE_API_KEY, from a Secret); never logged. The worker refuses to start without it. */
    Optional<String> apiKey();

    /** Sent as {@code X-DashScope-WorkSpace} when set. */
    Optional<String> workspace();

    /** Lets the service rewrite prompts ({@code prompt_extend}); off: the storyboard's prompts are already written for Wan. */
    @WithDefault("false")
    boolean promptExtend();

    @WithDefault("false")
    boolean watermark();

    @WithParentName
    RemoteSettings remote();
}
