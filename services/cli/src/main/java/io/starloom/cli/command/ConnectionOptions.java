package io.starloom.cli.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.auth.DevTokenMinter;
import io.starloom.cli.auth.IssuerKeys;
import io.starloom.cli.auth.SigningKey;
import io.starloom.cli.client.ServerAddress;
import io.starloom.cli.client.Starloom;
import io.starloom.contracts.Roles;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where the deployment is and who is calling: options of the top command that every subcommand inherits. */
public final class ConnectionOptions {
    /** What a local user may do: write and read stories. */
    static final List<String> DEV_ROLES = List.of(Roles.STORY_WRITER, Roles.STORY_READER);
    /** Kept referenced: java.util.logging forgets the level of a logger nobody holds. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    @Option(scope = ScopeType.INHERIT, names = "--server", paramLabel = "URL",
            defaultValue = "${env:STARLOOM_SERVER:-http://127.0.0.1:8080}",
            description = "Starloom API, REST and gRPC on one port; http:// is plaintext, https:// TLS "
                    + "(env STARLOOM_SERVER, default ${DEFAULT-VALUE})")
    String server;

    @Option(scope = ScopeType.INHERIT, names = "--token", paramLabel = "JWT", defaultValue = "${env:STARLOOM_TOKEN}",
            description = "OIDC bearer token for a real deployment (env STARLOOM_TOKEN); wins over --dev-signing-key")
    String token;

    @Option(scope = ScopeType.INHERIT, names = "--dev-signing-key", paramLabel = "PEM",
            defaultValue = "${env:STARLOOM_OIDC_SIGNING_KEY}",
            description = "local stacks: mint a token with the devstack's private key (env STARLOOM_OIDC_SIGNING_KEY)")
    Path devSigningKey;

    @Option(scope = ScopeType.INHERIT, names = "--issuer", paramLabel = "URL", defaultValue = "${env:STARLOOM_OIDC_URL}",
            description = "the devstack's OIDC issuer, for --dev-signing-key (env STARLOOM_OIDC_URL)")
    String issuer;

    @Option(scope = ScopeType.INHERIT, names = "--tenant", paramLabel = "TENANT", defaultValue = "local",
            description = "tenant of a minted token (default ${DEFAULT-VALUE})")
    String tenant;

    @Option(scope = ScopeType.INHERIT, names = "--subject", paramLabel = "USER", defaultValue = "local-user",
            description = "user of a minted token (default ${DEFAULT-VALUE})")
    String subject;

    @Option(scope = ScopeType.INHERIT, names = { "-v", "--verbose" },
            description = "show the causes of errors and gRPC's own log")
    boolean verbose;

    public Starloom connect() {
        GRPC_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
        return new Starloom(ServerAddress.parse(server), bearerToken(Instant.now()));
    }

    /** The token sent with every call: the given one, else one minted with the dev signing key, else none. */
    String bearerToken(Instant now) {
        if (isSet(token)) {
            return token.strip();
        }
        if (devSigningKey == null || devSigningKey.toString().isBlank()) {
            return null;
        }
        if (!isSet(issuer)) {
            throw new CliException("--dev-signing-key needs --issuer (env STARLOOM_OIDC_URL), the issuer the services trust",
                    ExitCode.BAD_INPUT);
        }
        SigningKey key = SigningKey.read(devSigningKey);
        String issuerUrl = issuer.strip();
        return new DevTokenMinter(key, IssuerKeys.keyId(issuerUrl, key), issuerUrl).mint(subject, tenant, DEV_ROLES, now);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
