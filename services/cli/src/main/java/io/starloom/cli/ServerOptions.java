package io.starloom.cli;

import java.net.URI;

import picocli.CommandLine.Option;

/** Where the deployment is and who is calling; shared by every command. */
final class ServerOptions {
    @Option(names = "--server", defaultValue = "${env:STARLOOM_SERVER:-http://127.0.0.1:8080}",
            description = "Starloom API base URL (env STARLOOM_SERVER, default ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--token", defaultValue = "${env:STARLOOM_TOKEN}",
            description = "OIDC bearer token (env STARLOOM_TOKEN)")
    String token;

    StarloomClient client() {
        return new StarloomClient(URI.create(server.endsWith("/") ? server : server + "/"), token);
    }
}
