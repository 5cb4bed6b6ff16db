package io.starloom.scheduler.api.rest;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * Routes a custom method ({@code /v1/stories/{id}:cancel}) whether or not the client percent-encoded its
 * colon, as many HTTP libraries do: resources are matched against the raw path, where {@code %3A} is not
 * {@code :}. Decoding {@code %3A} never changes what a path means, only how it is spelt.
 */
public class CustomMethodPaths {
    private static final Pattern ENCODED_COLON = Pattern.compile("%3[Aa]");

    @ServerRequestFilter(preMatching = true)
    public void decodeColons(ContainerRequestContext request, HttpServerRequest http) {
        // Most paths hold no escape at all: no URI is built for them (this runs on every request).
        if (http.path() == null || http.path().indexOf('%') < 0) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        String path = raw == null ? null : ENCODED_COLON.matcher(raw).replaceAll(":");
        if (path != null && !path.equals(raw)) {
            request.setRequestUri(URI.create(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}
