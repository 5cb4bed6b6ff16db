package io.starloom.worker.backend.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.starloom.worker.backend.BackendFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * One remote backend's HTTP calls: Vert.x WebClient with a connect timeout and a per-request timeout, transient
 * failures (connection errors, timeouts, 5xx, 429) retried with exponential backoff and jitter — or after the
 * server's {@code Retry-After} when it gives one — and every other answer turned into a typed
 * {@link BackendFailure} by the protocol's own {@link Classifier}. Calls block: backends run on worker threads.
 * Logs name the method and path only, never headers (the API key) nor query strings (signed URLs).
 */
public final class RemoteHttp {
    private static final Logger LOG = Logger.getLogger(RemoteHttp.class);
    /** A server asking for a longer pause than this is not waited for within one call. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    /** Turns an answer into the failure it means; empty when it is a success. */
    @FunctionalInterface
    public interface Classifier {
        Optional<BackendFailure> failureOf(String what, HttpResponse<Buffer> response);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String backend;
    private final RemoteSettings settings;
    private final WebClient client;

    public RemoteHttp(Vertx vertx, String backend, RemoteSettings settings) {
        this.backend = backend;
        this.settings = settings;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setUserAgent("starloom-inference-worker")
                .setFollowRedirects(true)
                .setMaxPoolSize(4));
    }

    /** A request with this backend's timeout; headers and body are the caller's. */
    public HttpRequest<Buffer> request(HttpMethod method, String absoluteUrl) {
        return client.requestAbs(method, absoluteUrl).timeout(settings.requestTimeout().toMillis());
    }

    /**
     * Sends until it succeeds, fails for good or runs out of retries.
     *
     * @param what e.g. "POST /v1/videos", for logs and failure messages
     * @param send makes and sends the request; called again for every retry
     * @throws BackendFailure the typed failure of the last try
     */
    public HttpResponse<Buffer> call(String what, Supplier<Uni<HttpResponse<Buffer>>> send, Classifier classifier) throws BackendFailure {
        Uni<HttpResponse<Buffer>> once = Uni.createFrom().<HttpResponse<Buffer>>deferred(send::get)
                .ifNoItem().after(settings.requestTimeout().plusSeconds(1)).fail()
                .onFailure(failure -> !(failure instanceof BackendFailure)).transform(failure -> BackendFailure.retryable("BACKEND_UNREACHABLE",
                        backend + " " + what + ": " + describe(failure)))
                .onItem().transformToUni(response -> {
                    LOG.debugf("%s %s -> %d", backend, what, response.statusCode());
                    Optional<BackendFailure> failure = classifier.failureOf(what, response);
                    return failure.isPresent() ? Uni.createFrom().failure(failure.get()) : Uni.createFrom().item(response);
                });
        AtomicInteger tries = new AtomicInteger();
        Uni<HttpResponse<Buffer>> retried = once.onFailure().retry().when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
            int retry = tries.incrementAndGet();
            if (!(failure instanceof BackendFailure typed) || !typed.retryable() || retry > settings.retries()) {
                return Uni.createFrom().failure(failure);
            }
            Duration pause = typed.retryAfter().map(hint -> hint.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : hint)
                    .orElseGet(() -> backoff(retry));
            LOG.infof("%s %s: %s; retry %d of %d in %d ms", backend, what, typed.getMessage(), retry, settings.retries(), pause.toMillis());
            return Uni.createFrom().item(retry).onItem().delayIt().by(pause.isZero() || pause.isNegative() ? Duration.ofMillis(1) : pause);
        }));
        try {
            return retried.await().indefinitely();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BackendFailure failure) {
                throw failure;
            }
            throw BackendFailure.retryable("BACKEND_UNREACHABLE", backend + " " + what + ": " + describe(e.getCause()));
        }
    }

    /** The default reading of a status: 2xx success, 408/429/5xx transient (with Retry-After), any other 4xx permanent. */
    public Optional<BackendFailure> byStatus(String what, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        String message = backend + " " + what + " answered " + status + ": " + snippet(response);
        if (status == 429 || status == 408 || status >= 500) {
            return Optional.of(new BackendFailure(BackendFailure.Kind.RETRYABLE, status == 429 ? "BACKEND_THROTTLED" : "BACKEND_ERROR", message,
                    retryAfter(response).orElse(null)));
        }
        return Optional.of(BackendFailure.permanent("BACKEND_REJECTED", message));
    }

    /** The server's {@code Retry-After} in seconds, when it sent one. */
    public static Optional<Duration> retryAfter(HttpResponse<Buffer> response) {
        String header = response.getHeader("retry-after");
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The start of the body, for failure messages: servers' error bodies never carry the caller's key. */
    public static String snippet(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Decodes a JSON object body, or fails as retryable: a malformed answer is a server glitch worth one more try. */
    public static JsonNode object(String backend, String what, HttpResponse<Buffer> response) throws BackendFailure {
        try {
            JsonNode node = JSON.readTree(response.bodyAsString());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            // Reported below with the body's start.
        }
        throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", backend + " " + what + " answered with unreadable JSON: " + snippet(response));
    }

    /** Writes a downloaded body to {@code target}; what it holds is checked later (ClipProbe). */
    public static void save(HttpResponse<Buffer> response, Path target) throws BackendFailure {
        Buffer body = response.body();
        try {
            Files.write(target, body == null ? new byte[0] : body.getBytes());
        } catch (IOException e) {
            throw BackendFailure.retryable("CLIP_WRITE_FAILED", "cannot write the clip: " + e.getMessage());
        }
    }

    private Duration backoff(int retry) {
        long base = settings.backoff().toMillis() << Math.min(20, retry - 1);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.of((long) (capped * jitter), TimeUnit.MILLISECONDS.toChronoUnit());
    }

    private static String describe(Throwable failure) {
        if (failure instanceof io.smallrye.mutiny.TimeoutException) {
            return "no answer in time";
        }
        return failure == null ? "unknown failure" : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    public void close() {
        client.close();
    }
}
