package io.starloom.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/** The REST side of downloads (subtitles, storyboard) against a small HTTP server standing in for the scheduler. */
class RestDownloadTest {
    private static final String VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.833\n安德洛墨达被锁在海边岩石上\n";

    @TempDir
    Path dir;

    private HttpServer http;
    private Starloom starloom;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v1/stories/s-1/subtitles.vtt", exchange -> respond(exchange, 200, "text/vtt;charset=utf-8", VTT));
        http.createContext("/v1/stories/s-2/storyboard", exchange -> respond(exchange, 409, "application/problem+json",
                "{\"type\":\"https://starloom.dev/problems/not-ready\",\"title\":\"Not ready yet\",\"status\":409,"
                        + "\"detail\":\"story s-2 has no storyboard yet\"}"));
        http.start();
        starloom = new Starloom(ServerAddress.parse("http://127.0.0.1:" + http.getAddress().getPort()), "token-1");
    }

    @AfterEach
    void stop() {
        starloom.close();
        http.stop(0);
    }

    @Test
    void resourceIsSavedByteForByteWithTheBearerToken() throws IOException {
        Path target = dir.resolve("film.vtt");

        starloom.downloadResource("s-1", "subtitles.vtt", target);

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(VTT);
        assertThat(authorizations).containsExactly("Bearer token-1");
    }

    @Test
    void problemAnswerBecomesOneLineAndLeavesNoFile() {
        assertThatThrownBy(() -> starloom.downloadResource("s-2", "storyboard", dir.resolve("storyboard.json")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessage("Not ready yet: story s-2 has no storyboard yet");
        assertThat(dir).isEmptyDirectory();
    }

    private void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
