package io.starloom.postprocess.narration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local server speaking two documented TTS protocols, for tests: OpenAI's {@code POST /v1/audio/speech}
 * (audio bytes, or {@code {"error": {...}}} with a 4xx/5xx) and Model Studio's Qwen-TTS
 * {@code POST /api/v1/services/aigc/multimodal-generation/generation} ({@code output.audio.url}, or
 * {@code {"code", "message", "request_id"}}). The "speech" is a voiced 24 kHz WAV — a 180 Hz buzz with
 * harmonics, 220 ms per Chinese and 70 ms per Latin character, 40 ms between words and 150 ms at punctuation — so that loudness and
 * silence detection see speech where text was. Every request body is kept for assertions.
 */
public final class SpeechStub implements AutoCloseable {
    public static final String KEY = "test-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 24_000;

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile int failWith;

    public SpeechStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/audio/speech", this::openAi);
        server.createContext("/" + DashScopeSpeechEngine.PATH, this::dashScope);
        server.createContext("/audio/", this::audio);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<JsonNode> requests() {
        return requests;
    }

    /** Answer every call with this HTTP status (and the protocol's error body); 0 to answer normally. */
    public void failWith(int status) {
        failWith = status;
    }

    private void openAi(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requests.add(body);
        if (failWith != 0) {
            send(exchange, failWith, "application/json", ("{\"error\":{\"message\":\"stub failure " + failWith
                    + "\",\"type\":\"server_error\",\"code\":null}}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (body.path("voice").asText().equals("no-such-voice")) {
            send(exchange, 400, "application/json",
                    "{\"error\":{\"message\":\"voice 'no-such-voice' not found\",\"type\":\"invalid_request_error\",\"code\":\"voice_not_found\"}}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "audio/wav", speech(body.path("input").asText()));
    }

    private void dashScope(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requests.add(body);
        if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json",
                    "{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\",\"request_id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (failWith != 0) {
            send(exchange, failWith, "application/json", ("{\"code\":\"Throttling\",\"message\":\"stub failure " + failWith
                    + "\",\"request_id\":\"r-2\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String text = body.path("input").path("text").asText();
        String id = Integer.toHexString(text.hashCode());
        audioTexts.put(id, text);
        String answer = JSON.createObjectNode().set("output", JSON.createObjectNode().put("finish_reason", "stop")
                .set("audio", JSON.createObjectNode().put("url", baseUrl() + "/audio/" + id + ".wav").put("expires_at", 1767225600)))
                .toString();
        send(exchange, 200, "application/json", answer.replace("}}", "}},\"request_id\":\"r-3\"").getBytes(StandardCharsets.UTF_8));
    }

    private final java.util.Map<String, String> audioTexts = new java.util.concurrent.ConcurrentHashMap<>();

    private void audio(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String id = path.substring("/audio/".length()).replace(".wav", "");
        String text = audioTexts.get(id);
        if (text == null) {
            send(exchange, 404, "text/plain", "no such audio".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "audio/wav", speech(text));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    /** A voiced signal 90 ms per character, silent 150 ms at punctuation, as 16-bit mono WAV. */
    public static byte[] speech(String text) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        double t = 0;
        for (int cp : text.codePoints().toArray()) {
            boolean pause = !Character.isLetterOrDigit(cp);
            double seconds = cp == ' ' ? 0.04 : pause ? 0.15 : Character.isIdeographic(cp) ? 0.22 : 0.07;
            int samples = (int) (seconds * RATE);
            for (int i = 0; i < samples; i++, t += 1.0 / RATE) {
                double envelope = pause ? 0 : Math.sin(Math.PI * i / samples);
                double v = envelope * 0.5 * (Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t)
                        + 0.25 * Math.sin(2 * Math.PI * 540 * t));
                short s = (short) Math.round(v * 0.6 * Short.MAX_VALUE);
                pcm.write(s & 0xff);
                pcm.write((s >> 8) & 0xff);
            }
        }
        byte[] data = pcm.toByteArray();
        ByteBuffer wav = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return wav.array();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
