package io.starloom.postprocess.narration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.starloom.proto.v1.Language;

/**
 * Any server that speaks OpenAI's {@code POST /v1/audio/speech} (OpenAI itself, or self-hosted neural
 * voices such as Kokoro-FastAPI or CosyVoice servers): JSON {@code {model, input, voice,
 * response_format: "wav"}} in, the audio bytes out; errors are JSON {@code {"error": {"message", "type",
 * "code"}}} with a 4xx/5xx status.
 */
public final class OpenAiSpeechEngine implements SpeechEngine {
    public static final String NAME = "openai";

    private final URI endpoint;
    private final Optional<String> apiKey;
    private final String model;
    private final String chineseVoice;
    private final String englishVoice;
    private final HttpSpeech http;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8880} (the {@code /v1/audio/speech} path is added) */
    public OpenAiSpeechEngine(URI baseUrl, Optional<String> apiKey, String model, String chineseVoice, String englishVoice,
            Duration timeout) {
        this.endpoint = baseUrl.resolve(withSlash(baseUrl.getPath()) + "v1/audio/speech");
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
        ObjectNode body = HttpSpeech.JSON.createObjectNode()
                .put("model", model).put("input", text).put("voice", voice).put("response_format", "wav");
        HttpRequest.Builder request = http.request(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<Path> response = http.send(NAME, request.build(), HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            throw HttpSpeech.failure(NAME, response.statusCode(), HttpSpeech.errorText(readAndDelete(target)));
        }
    }

    /** The error body the server sent in place of audio; the file is not audio, so it goes. */
    private static String readAndDelete(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            Files.deleteIfExists(file);
            return text;
        } catch (IOException e) {
            return "(unreadable error body: " + e.getMessage() + ")";
        }
    }

    private static String withSlash(String path) {
        return path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
    }
}
