package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A real PostgreSQL server started from Maven-delivered binaries, with a {@code starloom} database.
 *
 * <p>PostgreSQL refuses to run as root. As root on Linux, Zonky starts initdb, postgres and pg_ctl through
 * {@code unshare -U}: inside a fresh user namespace the process is "nobody" to PostgreSQL while it keeps
 * owning (as root) the data directory on the host. That needs unprivileged user namespaces, checked up front.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "starloom";
    static final String USER = "postgres";
    /** Zonky initialises the cluster with trust authentication on loopback; the password only satisfies clients. */
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    /**
     * @param listenAddresses PostgreSQL's {@code listen_addresses}, e.g. {@code 127.0.0.1}
     */
    EmbeddedDatabase(Path dataDir, Path logFile, String listenAddresses, int port) {
        requireUsableIdentity();
        postgres = startServer(dataDir, logFile, listenAddresses, port);
        createDatabaseIfMissing();
    }

    private static EmbeddedPostgres startServer(Path dataDir, Path logFile, String listenAddresses, int port) {
        try {
            Files.createDirectories(dataDir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // Keep the cluster between runs; Zonky only runs initdb when the directory holds none yet.
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Zonky runs the server with -F (no fsync): the data survives process kills, as the OS still holds
                    // the writes, but not power loss. Passed to initdb as --set, it halves cluster creation too.
                    .setLocaleConfig("set", "fsync=off")
                    .setServerConfig("max_connections", "200")
                    // Said explicitly rather than left to the defaults of whichever binaries Zonky unpacks: only
                    // the devstack's bind address (loopback unless asked otherwise), never every interface.
                    .setServerConfig("listen_addresses", listenAddresses)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start PostgreSQL in " + dataDir + " (another devstack using the same state"
                    + " directory? see " + logFile + ")", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    private static void requireUsableIdentity() {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and 'unshare -U' (which lets it run as an"
                    + " unprivileged user inside a user namespace) is not usable here. Run the devstack as a normal user or"
                    + " allow unprivileged user namespaces (sysctl user.max_user_namespaces > 0).");
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false; // not Linux: no /proc, and Zonky has no root workaround to check for
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!existing.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
            statement.execute("ALTER USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + DATABASE, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
