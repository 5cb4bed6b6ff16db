package io.starloom.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

import io.starloom.contracts.Queues;

/**
 * ActiveMQ Artemis speaking AMQP 1.0 on loopback, persistent, with the mesh's queues declared and
 * dead-lettering configured exactly as production should have it. A second, in-VM acceptor lets the
 * devstack itself inject raw messages without an AMQP client.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final String ROLE = "starloom";
    /** Settings for every address of the mesh. */
    private static final String MESH_ADDRESSES = "starloom.#";
    /** In-VM acceptors are JVM-global: each broker (tests may run several) needs its own id. */
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();

    private final Path journalDir;
    private final int port;
    private final String user;
    private final String password;
    private final int inVmId = IN_VM_IDS.incrementAndGet();
    private EmbeddedActiveMQ server;

    EmbeddedBroker(Path journalDir, int port, String user, String password) {
        this.journalDir = journalDir;
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
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ()
                .setConfiguration(configuration())
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), security));
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the AMQP broker on port " + port, e);
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

    private Configuration configuration() {
        try {
            Configuration config = new ConfigurationImpl()
                    .setName("starloom-devstack")
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(true)
                    .setJournalDirectory(journalDir.resolve("journal").toString())
                    .setBindingsDirectory(journalDir.resolve("bindings").toString())
                    .setLargeMessagesDirectory(journalDir.resolve("large-messages").toString())
                    .setPagingDirectory(journalDir.resolve("paging").toString())
                    // Commands and events are a few KiB; small journal files make the first start quick.
                    .setJournalFileSize(1024 * 1024)
                    .setJMXManagementEnabled(false)
                    .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP")
                    .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), Map.of("serverId", inVmId)));
            config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true, false, false)));
            config.addAddressSetting(MESH_ADDRESSES, new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER))
                    .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                    .setMaxDeliveryAttempts(Queues.MAX_DELIVERY_ATTEMPTS)
                    .setRedeliveryDelay(200)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(2000)
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true)
                    .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setDefaultQueueRoutingType(RoutingType.ANYCAST));
            for (String queue : Queues.WORK_QUEUES) {
                config.addQueueConfiguration(durableAnycast(queue));
            }
            config.addQueueConfiguration(durableAnycast(Queues.DEAD_LETTER));
            config.addQueueConfiguration(durableAnycast(Queues.EXPIRY));
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("invalid broker configuration", e);
        }
    }

    private static QueueConfiguration durableAnycast(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
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
