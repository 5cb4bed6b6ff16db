package io.starloom.devstack;

import java.nio.file.Path;
import java.util.Map;

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
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;

import io.starloom.contracts.Queues;

/**
 * ActiveMQ Artemis speaking AMQP 1.0 on loopback, persistent, with the mesh's queues declared and
 * dead-lettering configured exactly as production should have it.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final String ROLE = "starloom";
    private static final int IN_VM_ID = 0;

    private final Path journalDir;
    private final int port;
    private final String user;
    private final String password;
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

    String password() {
        return password;
    }

    synchronized void start() {
        try {
            EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
            embedded.setConfiguration(configuration());
            SecurityConfiguration security = new SecurityConfiguration();
            security.addUser(user, password);
            security.addRole(user, ROLE);
            security.setDefaultUser(null);
            ActiveMQJAASSecurityManager securityManager = new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), security);
            embedded.setSecurityManager(securityManager);
            embedded.start();
            server = embedded;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the AMQP broker on port " + port, e);
        }
    }

    synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the AMQP broker", e);
            } finally {
                server = null;
            }
        }
    }

    private Configuration configuration() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("starloom-devstack")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(true)
                .setJournalDirectory(journalDir.resolve("journal").toString())
                .setBindingsDirectory(journalDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(journalDir.resolve("large-messages").toString())
                .setPagingDirectory(journalDir.resolve("paging").toString())
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(2000)
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP;amqpCredits=1000;amqpLowCredits=300")
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), Map.of("serverId", IN_VM_ID)));
        config.putSecurityRoles("#", java.util.Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true, false, false)));
        config.addAddressSetting("#", new AddressSettings()
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
            config.addQueueConfiguration(anycast(queue));
        }
        config.addQueueConfiguration(anycast(Queues.DEAD_LETTER));
        config.addQueueConfiguration(anycast(Queues.EXPIRY));
        return config;
    }

    private static QueueConfiguration anycast(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }

    /** Sends a raw durable message, bypassing every service: for poison-message tests. */
    void send(String queue, byte[] body, Map<String, String> properties) {
        try (ServerLocator locator = ActiveMQClient.createServerLocatorWithoutHA(
                new TransportConfiguration(InVMConnectorFactory.class.getName(), Map.of("serverId", IN_VM_ID)));
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

    /** Messages waiting in a queue (delivered but unacknowledged ones included). */
    long messageCount(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    public void close() {
        stop();
    }
}
