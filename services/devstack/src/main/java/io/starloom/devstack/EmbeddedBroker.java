package io.starloom.devstack;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * ActiveMQ Artemis speaking AMQP 1.0, persistent, with the mesh's topology exactly as production has it:
 * queues, dead-lettering and roles come from {@code deploy/broker/broker.xml}, packaged into this jar
 * ({@link #TOPOLOGY}). Only what is per run is set here: the listening address and port, the state
 * directories and the user. A second, in-VM acceptor lets the devstack itself inject raw messages without
 * an AMQP client.
 */
final class EmbeddedBroker implements AutoCloseable {
    /** deploy/broker/broker.xml, next to this class in the jar (see the devstack POM's resources). */
    static final String TOPOLOGY = "broker.xml";
    /** The role broker.xml grants everything to; the devstack's own user has it (see BrokerAccounts). */
    static final String ROLE = BrokerAccounts.OPERATOR_ROLE;
    /** In-VM acceptors are JVM-global: each broker (tests may run several) needs its own id. */
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();

    private final Path journalDir;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Map<String, String> servicePasswords;
    private final int inVmId = IN_VM_IDS.incrementAndGet();
    private EmbeddedActiveMQ server;

    /**
     * @param host the address to listen on, e.g. 127.0.0.1 (0.0.0.0 for every interface)
     */
    EmbeddedBroker(Path journalDir, String host, int port, String user, String password) {
        this(journalDir, host, port, user, password, Map.of());
    }

    /** @param servicePasswords each service's broker password by service name (its user name), see BrokerAccounts */
    EmbeddedBroker(Path journalDir, String host, int port, String user, String password, Map<String, String> servicePasswords) {
        this.servicePasswords = Map.copyOf(servicePasswords);
        this.journalDir = journalDir;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        start();
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        SecurityConfiguration security = new SecurityConfiguration();
        security.addUser(user, password);
        security.addRole(user, ROLE);
        servicePasswords.forEach((service, secret) -> {
            security.addUser(service, secret);
            BrokerAccounts.roles(service).forEach(role -> security.addRole(service, role));
        });
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ()
                .setConfiguration(configuration())
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), security));
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the AMQP broker on " + host + ":" + port, e);
        }
        server = embedded;
    }

    /** Stops at once, closing client connections as a broker restart would; messages stay in the journal. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the AMQP broker", e);
        } finally {
            server = null;
        }
    }

    /** The packaged broker.xml with this run's listener, directories and sizes in place of production's. */
    Configuration configuration() {
        return topology(topologyResource())
                .setJournalDirectory(journalDir.resolve("journal").toString())
                .setBindingsDirectory(journalDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(journalDir.resolve("large-messages").toString())
                .setPagingDirectory(journalDir.resolve("paging").toString())
                // Commands and events are a few KiB: 1 MiB journal files (production: broker.xml's 10 MiB) make
                // the first start quick, as there is less to pre-allocate.
                .setJournalFileSize(1024 * 1024)
                // Several brokers may run in one test JVM, and nothing manages them over JMX.
                .setJMXManagementEnabled(false)
                // The packaged copy never changes while the broker runs (inside a jar it is not even a file).
                .setConfigurationFileRefreshPeriod(0)
                // Instead of production's acceptor on every interface: this run's address and port only.
                .clearAcceptorConfigurations()
                .addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(), Map.of(
                        TransportConstants.HOST_PROP_NAME, host,
                        TransportConstants.PORT_PROP_NAME, port,
                        TransportConstants.PROTOCOLS_PROP_NAME, "AMQP"), "amqp"))
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                        Map.of("serverId", inVmId), "in-vm"));
    }

    /** Where the packaged broker.xml is. */
    static URL topologyResource() {
        URL resource = EmbeddedBroker.class.getResource(TOPOLOGY);
        if (resource == null) {
            throw new IllegalStateException(TOPOLOGY + " is missing next to " + EmbeddedBroker.class.getName()
                    + ": the devstack POM copies it from deploy/broker; rebuild the devstack");
        }
        return resource;
    }

    /** A broker.xml read, validated against the Artemis schema and parsed by Artemis itself, as a broker would. */
    static FileConfiguration topology(URL brokerXml) {
        FileConfiguration config = new FileConfiguration();
        try {
            new FileDeploymentManager(brokerXml.toString()).addDeployable(config).readConfiguration();
        } catch (Exception e) {
            throw new IllegalStateException("invalid broker configuration " + brokerXml + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** Sends a raw durable message, bypassing every service: for poison-message tests. */
    void send(String queue, byte[] body, Map<String, String> properties) {
        try (ServerLocator locator = inVmLocator();
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1);
                ClientProducer producer = session.createProducer(queue)) {
            ClientMessage message = session.createMessage(ClientMessage.BYTES_TYPE, true);
            message.getBodyBuffer().writeBytes(body);
            properties.forEach(message::putStringProperty);
            producer.send(message);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + queue, e);
        }
    }

    /** A core-protocol client locator that reaches this broker inside the JVM. */
    ServerLocator inVmLocator() {
        return ActiveMQClient.createServerLocatorWithoutHA(
                new TransportConfiguration(InVMConnectorFactory.class.getName(), Map.of("serverId", inVmId)));
    }

    /** The running broker, for tests in this package. */
    synchronized ActiveMQServer server() {
        if (server == null) {
            throw new IllegalStateException("the broker is stopped");
        }
        return server.getActiveMQServer();
    }

    /** Messages in a queue, delivered-but-unacknowledged ones included; 0 for a queue that does not exist. */
    synchronized long messageCount(String queue) {
        if (server == null) {
            throw new IllegalStateException("the broker is stopped");
        }
        Queue found = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    public void close() {
        stop();
    }
}
