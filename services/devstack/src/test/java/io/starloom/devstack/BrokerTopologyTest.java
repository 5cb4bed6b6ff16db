package io.starloom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.contracts.Queues;

/** deploy/broker/broker.xml, the one topology of every broker of the mesh, against the contracts. */
class BrokerTopologyTest {
    /** The file production mounts; surefire runs in services/devstack. */
    private static final Path BROKER_XML = Path.of("../../deploy/broker/broker.xml");
    private static final String MESH_ADDRESSES = "starloom.#";

    private static List<String> meshQueues() {
        return Stream.concat(Stream.of(Queues.WORK_QUEUES), Stream.of(Queues.DEAD_LETTER, Queues.EXPIRY)).toList();
    }

    @Test
    void theDevstackLoadsTheVeryFileProductionMounts() throws Exception {
        assertThat(BROKER_XML).as("deploy/broker/broker.xml").isRegularFile();
        try (InputStream packaged = EmbeddedBroker.topologyResource().openStream()) {
            assertThat(packaged.readAllBytes()).as("the classpath copy is deploy/broker/broker.xml (rebuild the devstack)")
                    .isEqualTo(Files.readAllBytes(BROKER_XML));
        }
    }

    @Test
    void brokerXmlDeclaresEveryQueueOfTheContractsAsADurableAnycastQueue() throws Exception {
        Configuration config = EmbeddedBroker.topology(BROKER_XML.toUri().toURL());
        Map<String, CoreAddressConfiguration> addresses = config.getAddressConfigurations().stream()
                .collect(Collectors.toMap(CoreAddressConfiguration::getName, Function.identity()));
        for (String queue : meshQueues()) {
            assertThat(addresses).as("broker.xml declares address " + queue).containsKey(queue);
            CoreAddressConfiguration address = addresses.get(queue);
            assertThat(address.getRoutingTypes()).as(queue + " routing").isEqualTo(EnumSet.of(RoutingType.ANYCAST));
            assertThat(address.getQueueConfigs()).as("the queues of address " + queue).hasSize(1);
            QueueConfiguration declared = address.getQueueConfigs().get(0);
            assertThat(declared.getName().toString()).isEqualTo(queue);
            assertThat(declared.getRoutingType()).as(queue + " routing").isEqualTo(RoutingType.ANYCAST);
            assertThat(declared.isDurable()).as(queue + " durable").isTrue();
            assertThat(queue).as("covered by the address settings " + MESH_ADDRESSES).startsWith("starloom.");
        }
        assertThat(addresses.keySet()).as("nothing but the contracts' queues").containsExactlyInAnyOrderElementsOf(meshQueues());
    }

    @Test
    void brokerXmlDeadLettersAfterTheContractsDeliveryAttempts() throws Exception {
        Configuration config = EmbeddedBroker.topology(BROKER_XML.toUri().toURL());
        AddressSettings mesh = config.getAddressSettings().get(MESH_ADDRESSES);
        assertThat(mesh).as("address settings for " + MESH_ADDRESSES).isNotNull();
        assertThat(mesh.getMaxDeliveryAttempts()).as("Queues.MAX_DELIVERY_ATTEMPTS").isEqualTo(Queues.MAX_DELIVERY_ATTEMPTS);
        assertThat(mesh.getDeadLetterAddress().toString()).isEqualTo(Queues.DEAD_LETTER);
        assertThat(mesh.getExpiryAddress().toString()).isEqualTo(Queues.EXPIRY);
        assertThat(mesh.getRedeliveryDelay()).isEqualTo(200);
        assertThat(mesh.getRedeliveryMultiplier()).isEqualTo(2.0);
        assertThat(mesh.getMaxRedeliveryDelay()).isEqualTo(2000);
        assertThat(mesh.isAutoCreateQueues()).isTrue();
        assertThat(mesh.isAutoCreateAddresses()).isTrue();
        assertThat(mesh.getDefaultAddressRoutingType()).isEqualTo(RoutingType.ANYCAST);
        assertThat(mesh.getDefaultQueueRoutingType()).isEqualTo(RoutingType.ANYCAST);

        Set<Role> roles = config.getSecurityRoles().get("#");
        assertThat(roles).as("security settings for #").isNotNull();
        Role role = roles.stream().filter(r -> r.getName().equals(EmbeddedBroker.ROLE)).findFirst().orElseThrow(
                () -> new AssertionError("broker.xml grants nothing to role " + EmbeddedBroker.ROLE + ": " + roles));
        assertThat(List.of(role.isSend(), role.isConsume(), role.isBrowse(), role.isCreateAddress(), role.isDeleteAddress(),
                role.isCreateDurableQueue(), role.isDeleteDurableQueue(), role.isCreateNonDurableQueue(),
                role.isDeleteNonDurableQueue(), role.isManage())).as(role.toString()).containsOnly(true);
    }

    @Test
    void aRunningDevstackBrokerHasTheTopologyAndOnlyItsOwnListener(@TempDir Path state) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (EmbeddedBroker broker = new EmbeddedBroker(state, DevStackOptions.LOOPBACK, port, "u", "p")) {
            Configuration config = broker.configuration();
            assertThat(config.getJournalFileSize()).as("small journal files for a quick start").isEqualTo(1024 * 1024);
            assertThat(config.getJournalDirectory()).isEqualTo(state.resolve("journal").toString());
            List<TransportConfiguration> network = config.getAcceptorConfigurations().stream()
                    .filter(acceptor -> acceptor.getFactoryClassName().equals(NettyAcceptorFactory.class.getName())).toList();
            assertThat(network).as("one network acceptor: broker.xml's production one is replaced").hasSize(1);
            assertThat(network.get(0).getParams()).containsEntry("host", DevStackOptions.LOOPBACK).containsEntry("port", port)
                    .containsEntry("protocols", "AMQP");

            ActiveMQServer server = broker.server();
            for (String name : meshQueues()) {
                Queue queue = server.locateQueue(SimpleString.of(name));
                assertThat(queue).as(name + " exists").isNotNull();
                assertThat(queue.isDurable()).as(name + " durable").isTrue();
                assertThat(queue.getRoutingType()).as(name + " routing").isEqualTo(RoutingType.ANYCAST);
                AddressSettings settings = server.getAddressSettingsRepository().getMatch(name);
                assertThat(settings.getMaxDeliveryAttempts()).isEqualTo(Queues.MAX_DELIVERY_ATTEMPTS);
                assertThat(settings.getDeadLetterAddress().toString()).isEqualTo(Queues.DEAD_LETTER);
            }
        }
    }
}
