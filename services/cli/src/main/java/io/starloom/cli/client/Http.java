package io.starloom.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/**
 * Plain blocking HTTP GETs. HttpURLConnection rather than java.net.http: it loads in a fraction of the
 * time, which a command-line call pays on every run.
 */
public final class Http {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private Http() {
    }

    /**
     * Opens a GET of {@code uri} with the bearer token (when not null); the caller reads and closes the body.
     *
     * @throws CliException for an unreachable server or an error status (problem+json rendered)
     */
    public static InputStream get(URI uri, String bearerToken) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            if (bearerToken != null) {
                connection.setRequestProperty("Authorization", "Bearer " + bearerToken);
            }
            connection.setRequestProperty("Accept-Language", CliLanguage.current().toLanguageTag());
            int status = connection.getResponseCode();
            if (status >= 400) {
                throw Problems.describe(status, errorBody(connection));
            }
            return connection.getInputStream();
        } catch (IOException e) {
            String why = e instanceof ConnectException ? "nothing answers there" : e.toString();
            throw new CliException("cannot reach " + uri.getScheme() + "://" + uri.getRawAuthority() + " (" + why + ")",
                    ExitCode.FAILED, e);
        }
    }

    /** The whole body of a GET as UTF-8 text. */
    public static String getText(URI uri, String bearerToken) {
        try (InputStream body = get(uri, bearerToken)) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read " + uri + " (" + e + ")", ExitCode.FAILED, e);
        }
    }

    private static String errorBody(HttpURLConnection connection) throws IOException {
        try (InputStream error = connection.getErrorStream()) {
            return error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
