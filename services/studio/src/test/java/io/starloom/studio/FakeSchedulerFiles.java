package io.starloom.studio;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The scheduler's film and thumbnail endpoints as docs/api.md describes them (bearer token, Range → 206 with
 * Content-Range, problem+json 404), for the studio's proxy. The film's second part is held back until the test says
 * it has the first: a proxy that buffered the film would not pass the first part on in time.
 */
public class FakeSchedulerFiles implements QuarkusTestResourceLifecycleManager {
    static final int HEAD = 1 << 20;
    static final byte[] FILM = new byte[8 << 20];
    static final byte[] THUMBNAIL = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3 };
    static volatile CountDownLatch firstPartSeen = new CountDownLatch(1);
    static volatile boolean heldBackPartSentInTime;
    static volatile String lastAuthorization;
    /** A story rendering its second shot, the first one generated with its thumbnail (docs/api.md's story JSON). */
    static final String STORY = """
            {"id":"mine","state":"GENERATING","title":"Vega and Altair","style":"ink-wash","resolution":"720p",
             "createTime":"2026-12-01T20:00:00Z","updateTime":"2026-12-01T20:01:00Z","progressPercent":50,
             "shots":[{"index":0,"state":"GENERATED","attempt":2,"narration":"织女星在银河西岸。","durationSeconds":5.0,
                       "thumbnailUri":"/v1/stories/mine/shots/0/thumbnail"},
                      {"index":1,"state":"RUNNING","attempt":1,"narration":"牛郎星在东岸。","durationSeconds":5.0}],
             "findings":[],"scheduling":{"priority":"standard","queuePosition":0}}
            """;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    static {
        new Random(7).nextBytes(FILM);
    }

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/stories/", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.scheduler.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (lastAuthorization == null || !lastAuthorization.startsWith("Bearer ")) {
                exchange.sendResponseHeaders(401, -1);
            } else if (path.equals("/v1/stories/mine/film")) {
                film(exchange);
            } else if (path.equals("/v1/stories/mine")) {
                byte[] story = STORY.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, story.length);
                exchange.getResponseBody().write(story);
            } else if (path.equals("/v1/stories/mine/shots/0/thumbnail")) {
                exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, THUMBNAIL.length);
                exchange.getResponseBody().write(THUMBNAIL);
            } else {
                byte[] problem = "{\"status\":404,\"title\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, problem.length);
                exchange.getResponseBody().write(problem);
            }
        }
    }

    private void film(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "video/mp4");
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + FILM.length);
            exchange.sendResponseHeaders(206, to - from + 1);
            exchange.getResponseBody().write(FILM, from, to - from + 1);
            return;
        }
        exchange.sendResponseHeaders(200, FILM.length);
        OutputStream body = exchange.getResponseBody();
        body.write(FILM, 0, HEAD);
        body.flush();
        try {
            heldBackPartSentInTime = firstPartSeen.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        body.write(FILM, HEAD, FILM.length - HEAD);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
