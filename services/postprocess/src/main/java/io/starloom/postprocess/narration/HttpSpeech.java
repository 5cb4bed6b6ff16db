package io.starloom.postprocess.narration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the HTTP engines share: one blocking JDK client, and how a status code reads. */
final class HttpSpeech {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_EXCERPT = 300;

    private final HttpClient client;
    private final Duration timeout;

    HttpSpeech(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    <T> HttpResponse<T> send(String engine, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new SpeechUnavailableException(engine + " is unreachable at " + request.uri().getHost() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechUnavailableException(engine + " call interrupted", e);
        }
    }

    /** Downloads {@code uri} into {@code target}. */
    void download(String engine, URI uri, Path target) {
        HttpResponse<Path> response = send(engine, request(uri).GET().build(), HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            throw failure(engine, response.statusCode(), "audio download answered " + response.statusCode());
        }
    }

    /** 401/403 (no or bad key), 408, 429 and 5xx may pass or another engine may do: unavailable. Other 4xx: rejected. */
    static RuntimeException failure(String engine, int status, String detail) {
        String message = engine + " answered HTTP " + status + ": " + detail;
        if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
            return new SpeechUnavailableException(message);
        }
        return new SpeechRejectedException(message);
    }

    /** The error text of a JSON error body, whichever of the common shapes it has. */
    static String errorText(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.isObject()) {
                return error.path("message").asText(error.toString());
            }
            if (root.has("code") || root.has("message")) {
                return root.path("code").asText() + " " + root.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw excerpt
        }
        String text = body == null ? "" : body.strip();
        return text.length() <= ERROR_EXCERPT ? text : text.substring(0, ERROR_EXCERPT) + "…";
    }
}
