package io.starloom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.contracts.Queues;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Service identity on the real broker, over AMQP 1.0 as the services speak it: each service's own user may
 * send only where its role sends and read only its own queue (deploy/broker/broker.xml).
 */
class BrokerPermissionsTest {
    @TempDir
    static Path state;
    static DevStack stack;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackOptions.builder().stateDir(state).postgres(false).oidc(false).build());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        stack.close();
    }

    @Test
    void eachServiceHasItsOwnUserAndNoOtherPassword() {
        Map<String, String> worker = stack.env("inference-worker");
        assertThat(worker).containsEntry("AMQP_USERNAME", "inference-worker");
        assertThat(worker.get("AMQP_PASSWORD")).hasSize(32).isNotEqualTo(stack.env("scheduler").get("AMQP_PASSWORD"));
        assertThat(worker.keySet()).noneMatch(key -> key.startsWith("AMQP_PASSWORD_"));
        assertThat(worker.values()).doesNotContain(stack.env().get("AMQP_PASSWORD"), stack.env("scheduler").get("AMQP_PASSWORD"));
    }

    @Test
    void aWorkerCannotInjectAShotCommandButTheSchedulerCan() throws Exception {
        long before = stack.brokerQueueCount(Queues.GENERATION_REQUESTS);
        assertThat(sends("inference-worker", Queues.GENERATION_REQUESTS)).as("worker sends a shot command").isFalse();
        assertThat(sends("enrichment", Queues.GENERATION_REQUESTS)).as("enrichment sends a shot command").isFalse();
        assertThat(stack.brokerQueueCount(Queues.GENERATION_REQUESTS)).isEqualTo(before);
        assertThat(sends("scheduler", Queues.GENERATION_REQUESTS)).as("the scheduler sends a shot command").isTrue();
        assertThat(stack.brokerQueueCount(Queues.GENERATION_REQUESTS)).isEqualTo(before + 1);
        assertThat(receives("inference-worker", Queues.GENERATION_REQUESTS)).as("the worker reads it").isTrue();
    }

    @Test
    void stagesReportEventsButOnlyTheSchedulerReadsThem() throws Exception {
        for (String stage : new String[] { "enrichment", "moderation", "inference-worker", "postprocess" }) {
            assertThat(sends(stage, Queues.SCHEDULER_EVENTS)).as(stage + " reports an event").isTrue();
        }
        assertThat(sends("scheduler", Queues.SCHEDULER_EVENTS)).as("the scheduler reports to itself").isFalse();
        assertThat(receives("postprocess", Queues.SCHEDULER_EVENTS)).as("postprocess reads the scheduler's events").isFalse();
        for (int i = 0; i < 4; i++) {
            assertThat(receives("scheduler", Queues.SCHEDULER_EVENTS)).as("the scheduler reads event " + i).isTrue();
        }
    }

    @Test
    void aServiceReadsOnlyItsOwnCommands() throws Exception {
        stack.brokerSend(Queues.MODERATION_REQUESTS, new byte[] { 1 }, Map.of());
        assertThat(receives("enrichment", Queues.MODERATION_REQUESTS)).isFalse();
        assertThat(receives("scheduler", Queues.MODERATION_REQUESTS)).isFalse();
        assertThat(stack.brokerQueueCount(Queues.MODERATION_REQUESTS)).isEqualTo(1);
        assertThat(receives("moderation", Queues.MODERATION_REQUESTS)).isTrue();
    }

    @Test
    void aWrongPasswordIsRefused() {
        AmqpClientOptions options = options("scheduler").setPassword("not-the-password");
        CompletableFuture<AmqpConnection> connection = AmqpClient.create(vertx, options).connect().toCompletionStage().toCompletableFuture();
        assertThat(connection).failsWithin(10, TimeUnit.SECONDS);
    }

    /** Whether this service's user gets a durable message accepted on the address. */
    private boolean sends(String service, String address) throws Exception {
        AmqpConnection connection = connect(service);
        try {
            return connection.createSender(address)
                    .compose(sender -> sender.sendWithAck(AmqpMessage.create().withBufferAsBody(Buffer.buffer(new byte[] { 7 })).durable(true).build()))
                    .map(ignored -> true).otherwise(false)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            connection.close();
        }
    }

    /** Whether this service's user receives (and settles) a message from the queue within two seconds. */
    private boolean receives(String service, String queue) throws Exception {
        AmqpConnection connection = connect(service);
        try {
            CompletableFuture<Boolean> received = new CompletableFuture<>();
            connection.createReceiver(queue, new AmqpReceiverOptions().addCapability("queue").setDurable(true).setMaxBufferedMessages(1))
                    .onSuccess(receiver -> receiver.handler(message -> received.complete(true)))
                    .onFailure(failure -> received.complete(false));
            return received.completeOnTimeout(false, 2, TimeUnit.SECONDS).get();
        } finally {
            connection.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private AmqpConnection connect(String service) throws Exception {
        return AmqpClient.create(vertx, options(service)).connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static AmqpClientOptions options(String service) {
        Map<String, String> env = stack.env(service);
        return new AmqpClientOptions().setHost(env.get("AMQP_HOST")).setPort(Integer.parseInt(env.get("AMQP_PORT")))
                .setUsername(env.get("AMQP_USERNAME")).setPassword(env.get("AMQP_PASSWORD"));
    }
}
