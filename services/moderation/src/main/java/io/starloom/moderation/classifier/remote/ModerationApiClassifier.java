package io.starloom.moderation.classifier.remote;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.starloom.moderation.frames.FrameClassifier;
import io.starloom.moderation.frames.FrameClassifierException;

/**
 * A remote moderation API that speaks OpenAI's {@code POST /v1/moderations} with image input: one request per
 * frame, {@code {"model": …, "input": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,…"}}]}},
 * answered by {@code results[0].category_scores} (e.g. {@code "sexual/minors": 0.01}). Errors arrive as
 * {@code {"error": {"message", "type", "code"}}}: 400/401/403/404 are refusals that will not change on
 * retry, 408/409/429/5xx and network failures are retryable. The API key is sent as a bearer token and never
 * logged or put into an error message.
 */
public final class ModerationApiClassifier implements FrameClassifier {
    public static final String NAME = "moderation-api";
    /** omni-moderation's categories (OpenAI moderation guide), as thresholds name them. */
    public static final List<String> LABELS = List.of("harassment", "harassment-threatening", "hate", "hate-threatening", "illicit",
            "illicit-violent", "self-harm", "self-harm-intent", "self-harm-instructions", "sexual", "sexual-minors", "violence",
            "violence-graphic");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> apiKey;
    private final String model;
    private final Duration timeout;

    public ModerationApiClassifier(URI baseUrl, Optional<String> apiKey, String model, Duration timeout) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/v1/moderations");
        this.apiKey = apiKey.filter(key -> !key.isBlank());
        this.model = model;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return NAME + ":" + model;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public List<Map<String, Float>> classify(List<BufferedImage> frames) {
        List<Map<String, Float>> scores = new ArrayList<>(frames.size());
        for (BufferedImage frame : frames) {
            scores.add(classify(frame));
        }
        return scores;
    }

    private Map<String, Float> classify(BufferedImage frame) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(frame)));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FrameClassifierException("MODERATION_API_UNREACHABLE", "the moderation API at " + endpoint + " cannot be reached: "
                    + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrameClassifierException("MODERATION_API_UNREACHABLE", "interrupted while calling the moderation API", true, e);
        }
        if (response.statusCode() != 200) {
            throw refusal(response);
        }
        return scores(response.body());
    }

    private String body(BufferedImage frame) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(frame, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("input").addObject().put("type", "image_url").putObject("image_url")
                .put("url", "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()));
        return body.toString();
    }

    private Map<String, Float> scores(String body) {
        JsonNode categoryScores;
        try {
            categoryScores = JSON.readTree(body).path("results").path(0).path("category_scores");
        } catch (IOException e) {
            throw new FrameClassifierException("MODERATION_API_BAD_ANSWER", "the moderation API answered no JSON", true, e);
        }
        if (!categoryScores.isObject() || categoryScores.isEmpty()) {
            throw new FrameClassifierException("MODERATION_API_BAD_ANSWER", "the moderation API answered no results[0].category_scores",
                    true);
        }
        Map<String, Float> scores = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = categoryScores.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> score = it.next();
            if (score.getValue().isNumber()) {
                scores.put(FrameClassifier.normalise(score.getKey()), score.getValue().floatValue());
            }
        }
        return scores;
    }

    private FrameClassifierException refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        String message = "";
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            message = error.path("message").asText("") + (error.hasNonNull("code") ? " (" + error.path("code").asText() + ")" : "");
        } catch (IOException e) {
            // Not the documented error body: the status says enough.
        }
        boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
        return new FrameClassifierException(retryable ? "MODERATION_API_UNAVAILABLE" : "MODERATION_API_REFUSED",
                "the moderation API answered HTTP " + status + (message.isBlank() ? "" : ": " + message), retryable);
    }
}
