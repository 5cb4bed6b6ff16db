package io.starloom.devstack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;

import io.starloom.mesh.v1.StoryEvent;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;

/**
 * For tests: reads a queue of the test broker with a plain AMQP 1.0 receiver, once per test JVM: a second
 * receiver on the same anycast queue would take half of its messages. A probe whose connection broke (a
 * broker restart) is forgotten, so that the next {@link #on} opens a new one.
 */
public final class QueueProbe {
    private static final Map<String, QueueProbe> PROBES = new ConcurrentHashMap<>();
    private static Vertx vertx;

    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    public static QueueProbe on(String queue) {
        return PROBES.computeIfAbsent(queue, QueueProbe::open);
    }

    private static synchronized QueueProbe open(String queue) {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        Map<String, String> env = DevStackTestResource.stack().env();
        AmqpClientOptions options = new AmqpClientOptions()
                .setHost(env.get("AMQP_HOST"))
                .setPort(Integer.parseInt(env.get("AMQP_PORT")))
                .setUsername(env.get("AMQP_USERNAME"))
                .setPassword(env.get("AMQP_PASSWORD"));
        QueueProbe probe = new QueueProbe();
        try {
            AmqpClient.create(vertx, options).connect()
                    .compose(connection -> connection.exceptionHandler(lost -> PROBES.remove(queue, probe)).createReceiver(queue,
                            new AmqpReceiverOptions().addCapability("queue").setDurable(true).setAutoAcknowledgement(true)))
                    .onSuccess(receiver -> receiver.handler(message -> probe.bodies.add(message.bodyAsBinary().getBytes())))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot receive from " + queue, e);
        }
        return probe;
    }

    /** Every message body received so far. */
    public List<byte[]> bodies() {
        return List.copyOf(bodies);
    }

    /** The StoryEvents received so far for one story. */
    public List<StoryEvent> eventsFor(String storyId) {
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
