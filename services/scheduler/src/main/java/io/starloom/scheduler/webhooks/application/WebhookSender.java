package io.starloom.scheduler.webhooks.application;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.starloom.scheduler.webhooks.config.WebhookConfig;

/**
 * POSTs a signed event to a vetted address. The connection goes to the address that was checked while the
 * Host header, TLS server name and certificate check use the URL's host name; redirects are not followed
 * (a 3xx is a failed attempt), and connecting and the whole exchange are bounded by timeouts.
 */
@ApplicationScoped
public class WebhookSender {
    /** What an attempt came to: the HTTP status (0 for none) and, unless 2xx, what went wrong. */
    public record Result(int statusCode, String error, long millis) {
        public boolean delivered() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    private static final int MAX_ERROR = 500;

    private final WebClient client;
    private final Duration requestTimeout;

    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setForceSni(true).setVerifyHost(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setUserAgent("Starloom-Webhooks/1"));
        this.requestTimeout = config.requestTimeout();
    }

    public Uni<Result> send(TargetVetting.Vetted vetted, String id, long timestamp, String signature, String body) {
        long begin = System.nanoTime();
        var target = vetted.target();
        return client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(target.port(), vetted.address().getHostAddress()), target.port(),
                        target.host(), target.requestUri())
                .ssl(target.https()).timeout(requestTimeout.toMillis())
                .putHeader("content-type", "application/json").putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp)).putHeader("webhook-signature", signature)
                .sendBuffer(Buffer.buffer(body))
                .map(response -> new Result(response.statusCode(), response.statusCode() >= 200 && response.statusCode() < 300 ? null
                        : "answered HTTP " + response.statusCode(), elapsed(begin)))
                .onFailure().recoverWithItem(failure -> new Result(0, truncate(failure.getClass().getSimpleName() + ": " + failure.getMessage()),
                        elapsed(begin)));
    }

    private static long elapsed(long begin) {
        return (System.nanoTime() - begin) / 1_000_000;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
