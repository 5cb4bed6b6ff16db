package io.starloom.moderation.classifier.remote;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for OpenAI's {@code POST /v1/moderations} with image input, as the API reference documents
 * it: bearer authentication (401 {@code invalid_api_key} otherwise), a JSON body with {@code model} and
 * {@code input: [{type: image_url, image_url: {url: data:…}}]} (400 {@code invalid_request_error}
 * otherwise), and a moderation object with {@code results[0].flagged}, {@code categories},
 * {@code category_scores} and {@code category_applied_input_types}. Its "sexual" score is the image's
 * share of red, so that answers depend on what was sent. {@link #failNext} makes it answer an error status.
 */
final class ModerationApiStub implements AutoCloseable {
    static final String KEY = "sk-test-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CATEGORIES = { "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit",
            "illicit/violent", "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
            "violence/graphic" };

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    volatile int failNext;

    ModerationApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/moderations", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request_error", "method_not_allowed", "Only POST is supported.");
                return;
            }
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
                return;
            }
            if (failNext != 0) {
                int status = failNext;
                failNext = 0;
                error(exchange, status, status == 429 ? "requests" : "server_error", status == 429 ? "rate_limit_exceeded" : null,
                        status == 429 ? "Rate limit reached." : "The server had an error while processing your request.");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            JsonNode input = body.path("input").path(0);
            String url = input.path("image_url").path("url").asText("");
            if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")
                    || !body.path("model").isTextual() || body.path("input").size() != 1 || !"image_url".equals(input.path("type").asText())
                    || !url.startsWith("data:image/png;base64,")) {
                error(exchange, 400, "invalid_request_error", null, "Invalid input: expected one image_url item with a data URL.");
                return;
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
            double red = ((image.getRGB(image.getWidth() / 2, image.getHeight() / 10) >> 16) & 0xff) / 255.0;
            ObjectNode result = JSON.createObjectNode();
            ObjectNode categories = result.putObject("categories");
            ObjectNode scores = result.putObject("category_scores");
            ObjectNode applied = result.putObject("category_applied_input_types");
            for (String category : CATEGORIES) {
                double score = category.equals("sexual") ? red : 1e-6;
                categories.put(category, score >= 0.5);
                scores.put(category, score);
                applied.putArray(category).add("image");
            }
            result.put("flagged", red >= 0.5);
            ObjectNode answer = JSON.createObjectNode().put("id", "modr-" + requests.get()).put("model", body.path("model").asText());
            answer.putArray("results").add(result);
            send(exchange, 200, answer.toString());
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        send(exchange, status, error.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
