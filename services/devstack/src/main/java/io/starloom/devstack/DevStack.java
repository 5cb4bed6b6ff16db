package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.Message;

import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;

/**
 * The infrastructure of the mesh on one machine, without Docker: a real PostgreSQL, a real AMQP 1.0
 * broker and an OIDC issuer. Used by the local launcher and by every integration and system test.
 */
public final class DevStack implements AutoCloseable {
    private final DevStackOptions options;
    private final EmbeddedDatabase database;
    private final EmbeddedBroker broker;
    private final LocalOidcIssuer oidc;
    private final BrokerAccounts accounts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevStack(DevStackOptions options, EmbeddedDatabase database, EmbeddedBroker broker, LocalOidcIssuer oidc,
            BrokerAccounts accounts) {
        this.accounts = accounts;
        this.options = options;
        this.database = database;
        this.broker = broker;
        this.oidc = oidc;
    }

    /** Starts the parts the options ask for, side by side (PostgreSQL dominates); close it to stop them. */
    public static DevStack start(DevStackOptions options) {
        QuietLogs.apply();
        Path state = options.stateDir();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "devstack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Every listener binds to options.bindHost() only: loopback unless the caller asked for more.
            Future<EmbeddedDatabase> database = startIf(options.postgres(), starter,
                    () -> new EmbeddedDatabase(state.resolve("postgres"), state.resolve("postgres.log"), listenAddresses(options),
                            options.postgresPort()));
            BrokerAccounts accounts = BrokerAccounts.generate();
            Future<EmbeddedBroker> broker = startIf(options.broker(), starter,
                    () -> new EmbeddedBroker(state.resolve("artemis"), options.bindHost(), portOrFree(options.amqpPort()), "starloom",
                            BrokerAccounts.secret(), accounts.passwords()));
            Future<LocalOidcIssuer> oidc = startIf(options.oidc(), starter,
                    () -> new LocalOidcIssuer(state.resolve("oidc-signing-key.pem"), options.bindHost(),
                            urlHost(options.connectHost()), options.oidcPort()));
            Startup startup = new Startup();
            DevStack stack = new DevStack(options, startup.await(database), startup.await(broker), startup.await(oidc), accounts);
            startup.throwIfFailed();
            return stack;
        } finally {
            starter.shutdown();
        }
    }

    /**
     * PostgreSQL's {@code listen_addresses} for the bind host. Zonky itself checks start-up and creates the
     * database over {@code localhost}, so a specific non-loopback address is served on 127.0.0.1 as well.
     */
    static String listenAddresses(DevStackOptions options) {
        String host = options.bindHost();
        if (options.bindsEveryInterface()) {
            return "*";
        }
        return host.equals(DevStackOptions.LOOPBACK) || host.equals("localhost") ? host : host + "," + DevStackOptions.LOOPBACK;
    }

    /** A host as it appears in a URL: IPv6 literals in brackets. */
    static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static <T> Future<T> startIf(boolean wanted, ExecutorService starter, Callable<T> part) {
        return wanted ? starter.submit(part) : CompletableFuture.completedFuture(null);
    }

    /** Collects the started parts; when one fails, stops the others so no process or port is left behind. */
    private static final class Startup {
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private RuntimeException failure;

        <T extends AutoCloseable> T await(Future<T> part) {
            try {
                T value = part.get();
                if (value != null) {
                    started.push(value);
                }
                return value;
            } catch (ExecutionException e) {
                fail(e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new IllegalStateException("interrupted while starting the devstack", e));
            }
            return null;
        }

        private void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }

        void throwIfFailed() {
            if (failure == null) {
                return;
            }
            for (AutoCloseable part : started) {
                try {
                    part.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }
    }

    /**
     * Connection settings as environment variables, the way the services read them in production. AMQP_USERNAME
     * and AMQP_PASSWORD are the devstack's own operator user (for tests and probes); each service's own user is
     * in AMQP_USERNAME_&lt;SERVICE&gt; / AMQP_PASSWORD_&lt;SERVICE&gt; (see {@link #env(String)}).
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        if (database != null) {
            String hostPort = urlHost(options.connectHost()) + ":" + database.port() + "/" + EmbeddedDatabase.DATABASE;
            env.put("STARLOOM_DB_REACTIVE_URL", "postgresql://" + hostPort);
            env.put("STARLOOM_DB_JDBC_URL", "jdbc:postgresql://" + hostPort);
            env.put("STARLOOM_DB_USERNAME", EmbeddedDatabase.USER);
            env.put("STARLOOM_DB_PASSWORD", EmbeddedDatabase.PASSWORD);
        }
        if (broker != null) {
            env.put("AMQP_HOST", options.connectHost());
            env.put("AMQP_PORT", String.valueOf(broker.port()));
            env.put("AMQP_USERNAME", broker.user());
            env.put("AMQP_PASSWORD", broker.password());
            accounts.passwords().forEach((service, password) -> {
                env.put("AMQP_USERNAME_" + BrokerAccounts.envSuffix(service), service);
                env.put("AMQP_PASSWORD_" + BrokerAccounts.envSuffix(service), password);
            });
        }
        if (oidc != null) {
            env.put("STARLOOM_OIDC_URL", oidc.issuer());
            env.put("STARLOOM_OIDC_SIGNING_KEY", oidc.keyFile().toString());
        }
        return env;
    }

    /**
     * What one service's process gets: the connection settings with that service's own broker user as
     * AMQP_USERNAME / AMQP_PASSWORD, and no other user's password.
     */
    public Map<String, String> env(String service) {
        Map<String, String> env = env();
        env.keySet().removeIf(key -> key.startsWith("AMQP_USERNAME_") || key.startsWith("AMQP_PASSWORD_"));
        if (broker != null) {
            BrokerAccounts.roles(service);
            env.put("AMQP_USERNAME", service);
            env.put("AMQP_PASSWORD", accounts.passwords().get(service));
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

    /**
     * Puts a mesh message on a queue the way a service sends it: the protobuf body with its CloudEvents
     * attributes (type = the message's full name, subject = the story), bypassing every service; on
     * {@link Queues#SCHEDULER_EVENTS} also the story as its message group, as mesh-support's SchedulerEvents sends.
     */
    public void meshSend(String queue, String storyId, Message message) {
        meshSendAs(queue, storyId, message.getDescriptorForType().getFullName(), message);
    }

    /** Like {@link #meshSend}, with {@code type} as the CloudEvents type: to test that consumers check it. */
    public void meshSendAs(String queue, String storyId, String type, Message message) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "cloudEvents:specversion", "1.0",
                "cloudEvents:id", UUID.randomUUID().toString(),
                "cloudEvents:source", "/starloom/devstack",
                ProtoEnvelope.TYPE_PROPERTY, type,
                ProtoEnvelope.SUBJECT_PROPERTY, storyId));
        if (Queues.SCHEDULER_EVENTS.equals(queue)) {
            // What an AMQP sender's group-id becomes inside the broker.
            properties.put(org.apache.activemq.artemis.api.core.Message.HDR_GROUP_ID.toString(), storyId);
        }
        brokerSend(queue, message.toByteArray(), properties);
    }

    /** Number of messages currently in a queue. */
    public long brokerQueueCount(String queue) {
        return requireBroker().messageCount(queue);
    }

    /** The broker itself, for tests in this package that need a core-protocol consumer. */
    EmbeddedBroker broker() {
        return requireBroker();
    }

    public Path stateDir() {
        return options.stateDir();
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

    /** Stops every part, even when one of them fails to stop; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] { oidc, broker, database }) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the devstack did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
