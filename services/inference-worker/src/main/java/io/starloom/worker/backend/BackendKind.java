package io.starloom.worker.backend;

import java.util.Locale;

/**
 * The backends a worker can run ({@code starloom.worker.backend}). The GPU backends of the roadmap
 * ({@code openai-videos} for SGLang / vLLM-Omni {@code /v1/videos} servers, {@code dashscope} for hosted
 * Wan2.2) join this list with their own {@link VideoBackend}.
 */
public enum BackendKind {
    /** CPU star-sky renderer, the embedded default. */
    PREVIEW,
    /** Timed fake for load tests. */
    SIM;

    /** The name used in configuration and in events. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
