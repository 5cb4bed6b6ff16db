package io.starloom.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** {@code starloom}: submit star myths, follow them and fetch their films. The connection options apply to every command. */
@Command(name = "starloom", mixinStandardHelpOptions = true, versionProvider = StarloomCommand.Version.class,
        description = "Turns a star myth, in Chinese or English, into a narrated, subtitled film.",
        subcommands = { SubmitCommand.class, PreviewCommand.class, WatchCommand.class, GetCommand.class, ListCommand.class, CancelCommand.class,
                DownloadCommand.class },
        footer = { "", "Against a deployment: --server URL with --token JWT (env STARLOOM_SERVER, STARLOOM_TOKEN).",
                "Against a local devstack: --dev-signing-key PEM with --issuer URL (env STARLOOM_OIDC_SIGNING_KEY, STARLOOM_OIDC_URL),",
                "or simply: deploy/local/starloom cli COMMAND …",
                "Exit codes: 0 done (the story completed), 1 failed / rejected / canceled / unreachable, 2 bad input." })
public final class StarloomCommand {
    @Mixin
    ConnectionOptions connection;

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StarloomCommand.class.getPackage().getImplementationVersion();
            return new String[] { "starloom " + (version == null ? "(development build)" : version) };
        }
    }
}
