package io.starloom.postprocess.narration;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.starloom.proto.v1.Language;

/**
 * Alibaba Cloud Model Studio (DashScope) non-real-time speech synthesis, Qwen-TTS over HTTP:
 * {@code POST /api/v1/services/aigc/multimodal-generation/generation} with {@code Authorization: Bearer
 * <key>} and {@code {"model", "input": {"text", "voice", "language_type"}}}; the answer carries
 * {@code output.audio.url}, a WAV file to download within 24 hours. Errors are JSON {@code {"code",
 * "message", "request_id"}} with a 4xx/5xx status.
 */
public final class DashScopeSpeechEngine implements SpeechEngine {
    public static final String NAME = "dashscope";
    static final String PATH = "api/v1/services/aigc/multimodal-generation/generation";

    private final URI endpoint;
    private final Optional<String> apiKey;
    private final String model;
    private final String chineseVoice;
    private final String englishVoice;
    private final HttpSpeech http;

    /** @param baseUrl e.g. {@code https://dashscope.aliyuncs.com} or {@code https://dashscope-intl.aliyuncs.com} */
    public DashScopeSpeechEngine(URI baseUrl, Optional<String> apiKey, String model, String chineseVoice, String englishVoice,
            Duration timeout) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        this.endpoint = URI.create(base + PATH);
        this.apiKey = apiKey.filter(key -> !key.isBlank());
        this.model = model;
        this.chineseVoice = chineseVoice;
        this.englishVoice = englishVoice;
        this.http = new HttpSpeech(timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultVoice(Language language) {
        return language == Language.LANGUAGE_ZH ? chineseVoice : englishVoice;
    }

    @Override
    public void synthesize(String text, Language language, String voice, Path target) {
        String key = apiKey.orElseThrow(() -> new SpeechUnavailableException(
                "dashscope has no API key (set STARLOOM_TTS_DASHSCOPE_API_KEY)"));
        ObjectNode body = HttpSpeech.JSON.createObjectNode().put("model", model);
        body.putObject("input").put("text", text).put("voice", voice)
                .put("language_type", language == Language.LANGUAGE_ZH ? "Chinese" : "English");
        HttpRequest request = http.request(endpoint)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(NAME, request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw HttpSpeech.failure(NAME, response.statusCode(), HttpSpeech.errorText(response.body()));
        }
        JsonNode answer;
        try {
            answer = HttpSpeech.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new SpeechUnavailableException("dashscope answered no JSON: " + HttpSpeech.errorText(response.body()), e);
        }
        String url = answer.path("output").path("audio").path("url").asText("");
        if (url.isBlank()) {
            throw new SpeechUnavailableException("dashscope answered without output.audio.url (request "
                    + answer.path("request_id").asText("?") + ")");
        }
        http.download(NAME, URI.create(url), target);
    }
}
