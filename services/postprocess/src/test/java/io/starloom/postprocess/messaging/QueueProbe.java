package io.starloom.postprocess.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.google.protobuf.InvalidProtocolBufferException;

import io.starloom.proto.v1.StoryEvent;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;

/**
 * Reads a queue of the test broker with a plain AMQP 1.0 receiver, once per test JVM: a second
 * receiver on the same anycast queue would take half of its messages.
 */
final class QueueProbe {
    private static final Map<String, QueueProbe> PROBES = new ConcurrentHashMap<>();
    private static Vertx vertx;

    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    static QueueProbe on(String queue) {
        return PROBES.computeIfAbsent(queue, QueueProbe::open);
    }

    private static synchronized QueueProbe open(String queue) {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        Config config = ConfigProvider.getConfig();
        AmqpClientOptions options = new AmqpClientOptions()
                .setHost(config.getValue("amqp-host", String.class))
                .setPort(config.getValue("amqp-port", Integer.class));
        config.getOptionalValue("amqp-username", String.class).ifPresent(options::setUsername);
        config.getOptionalValue("amqp-password", String.class).ifPresent(options::setPassword);
        QueueProbe probe = new QueueProbe();
        try {
            AmqpClient.create(vertx, options).connect()
                    .compose(connection -> connection.createReceiver(queue,
                            new AmqpReceiverOptions().addCapability("queue").setDurable(true).setAutoAcknowledgement(true)))
                    .onSuccess(receiver -> receiver.handler(message -> probe.bodies.add(message.bodyAsBinary().getBytes())))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot receive from " + queue, e);
        }
        return probe;
    }

    /** Every message body received so far. */
    List<byte[]> bodies() {
        return List.copyOf(bodies);
    }

    /** The StoryEvents received so far for one story. */
    List<StoryEvent> eventsFor(String storyId) {
        return bodies.stream().map(QueueProbe::parse).filter(event -> event.getStoryId().equals(storyId)).toList();
    }

    private static StoryEvent parse(byte[] body) {
        try {
            return StoryEvent.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            return StoryEvent.getDefaultInstance();
        }
    }
}
