package io.starloom.cli.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/**
 * Where a Starloom deployment answers. REST and gRPC share one port (the unified server): {@code http://}
 * means plaintext (h2c for gRPC), {@code https://} TLS for both.
 */
public record ServerAddress(URI restBase, String host, int port, boolean tls) {

    /** @throws CliException (bad input) unless {@code url} is an absolute http(s) URL with a host */
    public static ServerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(url, "it must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        URI base = URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
        return new ServerAddress(base, uri.getHost(), port, tls);
    }

    /** The REST URL of {@code path}, relative to the base (no leading slash). */
    public URI rest(String path) {
        return restBase.resolve(path);
    }

    @Override
    public String toString() {
        return restBase.toString().replaceAll("/$", "");
    }

    private static CliException invalid(String url, String why) {
        return new CliException("--server '" + url + "' is not usable: " + why + " (e.g. http://127.0.0.1:8080)", ExitCode.BAD_INPUT);
    }
}
