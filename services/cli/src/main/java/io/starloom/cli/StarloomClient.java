package io.starloom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The public REST API of a Starloom deployment, as the CLI uses it. */
final class StarloomClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    StarloomClient(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    JsonNode submit(Map<String, Object> body) {
        return json(send(request("/v1/stories").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8)).build()));
    }

    JsonNode get(String id) {
        return json(send(request("/v1/stories/" + id).GET().build()));
    }

    JsonNode list(int pageSize) {
        return json(send(request("/v1/stories?pageSize=" + pageSize).GET().build()));
    }

    JsonNode cancel(String id) {
        return json(send(request("/v1/stories/" + id + ":cancel").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** Follows the story's server-sent events until the server ends the stream (the story finished). */
    void watch(String id, Consumer<JsonNode> onChange) {
        HttpRequest request = request("/v1/stories/" + id + "/events").header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = sendStreaming(request);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && data.length() > 0) {
                    onChange.accept(JSON.readTree(data.toString()));
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new ApiException("the progress stream broke off: " + e.getMessage(), false);
        }
    }

    /** Saves one of the story's files (film, subtitles.vtt, subtitles.srt, storyboard) as {@code target}. */
    Path download(String id, String resource, Path target) {
        HttpResponse<InputStream> response = sendStreaming(request("/v1/stories/" + id + "/" + resource).GET().build());
        try (InputStream in = response.body()) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ApiException("cannot save " + target + ": " + e.getMessage(), false);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(path));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 400) {
                throw failure(response.statusCode(), response.body());
            }
            return response;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", false);
        }
    }

    private HttpResponse<InputStream> sendStreaming(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                try (InputStream body = response.body()) {
                    throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return response;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", false);
        }
    }

    private ApiException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "nothing answers there" : String.valueOf(e.getMessage());
        return new ApiException("cannot reach Starloom at " + server + " (" + why + ")", false);
    }

    /** A problem+json body as one line: the detail and every field at fault. */
    static ApiException failure(int status, String body) {
        String message = "HTTP " + status;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.has("title")) {
                StringBuilder text = new StringBuilder(problem.path("title").asText());
                if (problem.hasNonNull("detail")) {
                    text.append(": ").append(problem.path("detail").asText());
                }
                message = text.toString();
            }
        } catch (IOException notJson) {
            // keep the status line
        }
        if (status == 401) {
            message = "not signed in: the token is missing, invalid or expired (set STARLOOM_TOKEN or --token)";
        } else if (status == 403) {
            message = "forbidden: " + message;
        }
        return new ApiException(message, status < 500);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException("unreadable answer from the server: " + e.getMessage(), false);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
