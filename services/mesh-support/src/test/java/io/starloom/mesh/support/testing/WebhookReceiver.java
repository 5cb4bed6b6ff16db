package io.starloom.mesh.support.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every delivery with its Standard Webhooks headers and answers
 * the statuses queued with {@link #answerNext}, then the default one. Signatures are checked here with an HMAC of its
 * own, as a receiver would, without the scheduler's code.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One delivery as it arrived, and the status it was answered with. */
    public record Received(String path, String id, String timestamp, String signature, String body, int answered) {
        /** The body as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();

    private WebhookReceiver(int defaultStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer next = answers.poll();
            int status = next == null ? defaultStatus : next;
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"), exchange.getRequestHeaders().getFirst("webhook-signature"),
                    new String(body, StandardCharsets.UTF_8), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Listening; answers {@code defaultStatus} unless told otherwise. */
    public static WebhookReceiver start(int defaultStatus) throws IOException {
        return new WebhookReceiver(defaultStatus);
    }

    /** The receiver's URL for a path, e.g. {@code url("/story")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next delivery is answered with this status (queued in order). */
    public void answerNext(int status) {
        answers.add(status);
    }

    /** Every delivery so far, in order of arrival. */
    public List<Received> received() {
        return received;
    }

    /** The secrets ({@code whsec_…}) whose {@code v1} signature the delivery's header carries. */
    public static List<String> verifiedWith(Received delivery, List<String> secrets) {
        List<String> signatures = List.of(delivery.signature().split(" "));
        List<String> verified = new ArrayList<>();
        for (String secret : secrets) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((delivery.id() + "." + delivery.timestamp() + "."
                        + delivery.body()).getBytes(StandardCharsets.UTF_8)));
                if (signatures.contains(expected)) {
                    verified.add(secret);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return verified;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
