package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server started from Maven-delivered binaries, with a {@code starloom} database. */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "starloom";
    static final String USER = "postgres";
    /** Zonky starts the cluster with trust authentication on loopback; the password only satisfies clients. */
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    EmbeddedDatabase(Path dataDir, int port) {
        try {
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(fresh)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            createDatabaseIfMissing();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
    }

    int port() {
        return postgres.getPort();
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
