package io.starloom.enrichment.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Optional rewriting of the deterministic storyboard by a language model behind any OpenAI-compatible
 * {@code /v1/chat/completions} endpoint (vLLM, SGLang, Ollama, a hosted Qwen). Off by default.
 */
@ConfigMapping(prefix = "starloom.enrichment.llm")
public interface LlmConfig {

    @WithDefault("false")
    boolean enabled();

    /** The server's base URL, e.g. {@code http://127.0.0.1:8000/v1}; required when enabled. */
    Optional<URI> baseUrl();

    @WithDefault("qwen2.5-7b-instruct")
    String model();

    /** Bearer key, from the environment (STARLOOM_ENRICHMENT_LLM_API_KEY); never logged. */
    Optional<String> apiKey();

    /** Longest wait for one answer; on timeout the deterministic storyboard is used. */
    @WithDefault("20s")
    Duration timeout();

    /** Tries per storyboard: the second one asks the model to repair its broken JSON. */
    @WithDefault("2")
    int attempts();
}
