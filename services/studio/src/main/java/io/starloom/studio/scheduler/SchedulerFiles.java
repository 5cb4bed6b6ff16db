package io.starloom.studio.scheduler;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * The scheduler's binary files (film, subtitles, poster, shot thumbnails) as streams, with the signed-in user's
 * token. The REST client reads a body whole before it hands it over; a film is tens of megabytes and a browser's
 * video element asks for it again on every seek, so these go through Vert.x's HTTP client instead and are passed on
 * chunk by chunk, with the flow control of the two connections.
 */
@ApplicationScoped
public class SchedulerFiles {
    private final HttpClient client;
    private final String base;
    private final SecurityIdentity identity;

    SchedulerFiles(Vertx vertx, @ConfigProperty(name = "quarkus.rest-client.scheduler.url") String url,
            @ConfigProperty(name = "quarkus.rest-client.scheduler.connect-timeout", defaultValue = "5000") int connectTimeout,
            SecurityIdentity identity) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(connectTimeout));
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.identity = identity;
    }

    /**
     * GET {@code path} (below {@code /v1}), passing {@code range} on when there is one. The response is paused: its
     * body flows once it is subscribed to.
     */
    public Uni<HttpClientResponse> get(String path, String range) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + "/v1" + path);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token.getToken());
        }
        if (range != null && !range.isBlank()) {
            request.putHeader("Range", range);
        }
        return client.request(request).chain(outgoing -> outgoing.send()).invoke(HttpClientResponse::pause);
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
