package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The infrastructure of the mesh on one machine, without Docker: a real PostgreSQL, a real AMQP 1.0
 * broker and an OIDC issuer. Used by the local launcher and by every integration and system test.
 */
public final class DevStack implements AutoCloseable {
    private final DevStackOptions options;
    private final EmbeddedDatabase database;
    private final EmbeddedBroker broker;
    private final LocalOidcIssuer oidc;

    private DevStack(DevStackOptions options) {
        this.options = options;
        try {
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.database = options.postgres()
                ? new EmbeddedDatabase(options.stateDir().resolve("postgres"), portOrFree(options.postgresPort()))
                : null;
        this.broker = options.broker()
                ? new EmbeddedBroker(options.stateDir().resolve("artemis"), portOrFree(options.amqpPort()), "starloom",
                        HexFormat.of().formatHex(new SecureRandom().generateSeed(16)))
                : null;
        this.oidc = options.oidc() ? new LocalOidcIssuer(options.stateDir().resolve("oidc-signing-key.pem"), options.oidcPort()) : null;
    }

    /** Starts the parts the options ask for; close it to stop them. */
    public static DevStack start(DevStackOptions options) {
        return new DevStack(options);
    }

    /** Connection settings as environment variables, the way the services read them in production. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        if (database != null) {
            String hostPort = "127.0.0.1:" + database.port() + "/" + EmbeddedDatabase.DATABASE;
            env.put("STARLOOM_DB_REACTIVE_URL", "postgresql://" + hostPort);
            env.put("STARLOOM_DB_JDBC_URL", "jdbc:postgresql://" + hostPort);
            env.put("STARLOOM_DB_USERNAME", EmbeddedDatabase.USER);
            env.put("STARLOOM_DB_PASSWORD", EmbeddedDatabase.PASSWORD);
        }
        if (broker != null) {
            env.put("AMQP_HOST", "127.0.0.1");
            env.put("AMQP_PORT", String.valueOf(broker.port()));
            env.put("AMQP_USERNAME", "starloom");
            env.put("AMQP_PASSWORD", brokerPassword());
        }
        if (oidc != null) {
            env.put("STARLOOM_OIDC_URL", oidc.issuer());
            env.put("STARLOOM_OIDC_SIGNING_KEY", oidc.keyFile().toString());
        }
        return env;
    }

    /** The same settings as Quarkus configuration properties, for {@code @QuarkusTest}. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> env = env();
        Map<String, String> config = new LinkedHashMap<>();
        if (database != null) {
            config.put("quarkus.datasource.reactive.url", env.get("STARLOOM_DB_REACTIVE_URL"));
            config.put("quarkus.datasource.jdbc.url", env.get("STARLOOM_DB_JDBC_URL"));
            config.put("quarkus.datasource.username", env.get("STARLOOM_DB_USERNAME"));
            config.put("quarkus.datasource.password", env.get("STARLOOM_DB_PASSWORD"));
        }
        if (broker != null) {
            config.put("amqp-host", env.get("AMQP_HOST"));
            config.put("amqp-port", env.get("AMQP_PORT"));
            config.put("amqp-username", env.get("AMQP_USERNAME"));
            config.put("amqp-password", env.get("AMQP_PASSWORD"));
        }
        if (oidc != null) {
            config.put("quarkus.oidc.auth-server-url", oidc.issuer());
        }
        return config;
    }

    /** A signed access token with {@code groups} = roles and the {@code tenant} claim. */
    public String mintToken(String subject, String tenant, Collection<String> roles) {
        return requireOidc().mintToken(subject, tenant, roles);
    }

    /** Stops and restarts the broker on the same port and journal, as an operator's restart would. */
    public void restartBroker() {
        requireBroker().stop();
        requireBroker().start();
    }

    /** Puts a raw message on a queue (application properties as given), bypassing every service. */
    public void brokerSend(String queue, byte[] body, Map<String, String> applicationProperties) {
        requireBroker().send(queue, body, applicationProperties);
    }

    /** Number of messages currently in a queue. */
    public long brokerQueueCount(String queue) {
        return requireBroker().messageCount(queue);
    }

    public Path stateDir() {
        return options.stateDir();
    }

    private String brokerPassword() {
        return requireBroker().password();
    }

    private EmbeddedBroker requireBroker() {
        if (broker == null) {
            throw new IllegalStateException("this devstack runs without a broker");
        }
        return broker;
    }

    private LocalOidcIssuer requireOidc() {
        if (oidc == null) {
            throw new IllegalStateException("this devstack runs without an OIDC issuer");
        }
        return oidc;
    }

    private static int portOrFree(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (oidc != null) {
            oidc.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
