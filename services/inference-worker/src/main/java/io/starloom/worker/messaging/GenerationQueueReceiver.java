package io.starloom.worker.messaging;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.starloom.contracts.Queues;
import io.starloom.contracts.messaging.ProtoEnvelope;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.worker.config.WorkerConfig;
import io.starloom.worker.config.WorkerIdentity;
import io.starloom.worker.messaging.ShotCommandHandler.Settlement;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonClientOptions;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonDelivery;
import io.vertx.proton.ProtonHelper;
import io.vertx.proton.ProtonLinkOptions;
import io.vertx.proton.ProtonReceiver;

/**
 * Takes shots from the generation queue with AMQP link credit 1: the broker may hand this worker one command,
 * and the next credit is granted only after that command was settled. A busy worker therefore holds no
 * command in reserve, so an idle worker next to it gets the next shot, and a crash costs only the shot in hand.
 *
 * <p>Why not {@code @Incoming}: the SmallRye AMQP connector (4.33) opens its receivers with 1000 credits and
 * tops them up as messages are dispatched, not as they are settled, and has no attribute to change that; its
 * sequential processing alone would still let one worker hoard the queue. The events go out through the
 * connector as everywhere else.
 *
 * <p>All state is confined to one Vert.x context. The link is re-established after the broker goes away; a
 * command whose link died is put back on the queue by the broker.
 *
 * <p>On shutdown (SIGTERM in a pod) the worker first drains: it grants no more credit, hands back unrendered
 * any command that was already on its way, and waits for the shot in hand to be settled, up to
 * {@code starloom.worker.queue.drain-timeout}, so that a scale-down or a node drain costs no GPU work.
 */
@ApplicationScoped
public class GenerationQueueReceiver {
    private static final Logger LOG = Logger.getLogger(GenerationQueueReceiver.class);

    private final Vertx vertx;
    private final ShotCommandHandler handler;
    private final ShotTrace trace;
    private final String host;
    private final int port;
    private final Optional<String> username;
    private final Optional<String> password;
    private final String address;
    private final Duration reconnectInterval;
    private final Duration drainTimeout;
    private final String container;

    private Context context;
    private ProtonConnection connection;
    private ProtonReceiver receiver;
    private boolean stopped;
    private boolean reconnectScheduled;
    private boolean outageReported;
    private boolean draining;
    /** Completed when the shot in hand is settled, once a drain waits for it. */
    private CompletableFuture<Void> settledWhileDraining;
    private volatile boolean busy;
    private volatile boolean linked;

    public GenerationQueueReceiver(Vertx vertx, ShotCommandHandler handler, WorkerConfig config, WorkerIdentity identity, ShotTrace trace,
            MeterRegistry registry) {
        WorkerConfig.Queue queue = config.worker().queue();
        this.trace = trace;
        // 1 while a shot is in hand: its average over time is the GPU's busy fraction.
        Gauge.builder("starloom.worker.busy", this, receiver -> receiver.busy ? 1 : 0)
                .description("Whether this worker is rendering a shot (average over time: busy fraction)").register(registry);
        this.vertx = vertx;
        this.handler = handler;
        this.host = queue.host();
        this.port = queue.port();
        this.username = queue.username();
        this.password = queue.password();
        this.address = queue.address().orElse(Queues.generation(config.worker().profile()));
        this.reconnectInterval = queue.reconnectInterval();
        this.drainTimeout = queue.drainTimeout();
        this.container = "starloom-inference-worker-" + identity.id();
    }

    void start(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> connect());
    }

    void stop(@Observes ShutdownEvent event) {
        if (context == null) {
            return;
        }
        drain(drainTimeout);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            stopped = true;
            linked = false;
            if (connection != null) {
                connection.close();
                connection.disconnect();
            }
            closed.complete(null);
        });
        try {
            closed.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("generation queue link not closed cleanly: %s", e.getMessage());
        }
    }

    /**
     * Stops taking shots and waits until the one in hand, if any, is settled, at most {@code timeout}. Called on
     * shutdown, before the link is closed; the events of the last shot still go out through the connector,
     * which stays open until the application's beans are destroyed.
     *
     * @return whether the worker holds no shot any more
     */
    boolean drain(Duration timeout) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            draining = true;
            if (busy) {
                settledWhileDraining = settled;
            } else {
                settled.complete(null);
            }
        });
        try {
            settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.warnf("the shot in hand was not finished within the drain timeout of %s; the broker will redeliver it", timeout);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True while the link to the queue is open, whether or not a shot is being rendered. */
    public boolean isLinked() {
        return linked;
    }

    public boolean isBusy() {
        return busy;
    }

    public String address() {
        return address;
    }

    private void connect() {
        reconnectScheduled = false;
        if (stopped) {
            return;
        }
        ProtonClientOptions options = new ProtonClientOptions().setConnectTimeout(5000).setHeartbeat(10_000);
        Handler<AsyncResult<ProtonConnection>> onConnect = result -> {
            if (result.failed()) {
                lost("cannot connect to " + host + ":" + port + ": " + result.cause().getMessage());
            } else {
                open(result.result());
            }
        };
        ProtonClient client = ProtonClient.create(vertx);
        if (username.isPresent()) {
            client.connect(options, host, port, username.get(), password.orElse(""), onConnect);
        } else {
            client.connect(options, host, port, onConnect);
        }
    }

    private void open(ProtonConnection opening) {
        connection = opening;
        opening.setContainer(container);
        opening.disconnectHandler(gone -> {
            if (gone == connection) {
                lost("connection to " + host + ":" + port + " lost");
            }
        });
        opening.closeHandler(closed -> {
            opening.close();
            opening.disconnect();
        });
        opening.openHandler(opened -> {
            if (opened.failed()) {
                opening.disconnect();
            } else {
                attach(opening);
            }
        });
        opening.open();
    }

    private void attach(ProtonConnection owner) {
        ProtonReceiver link = owner.createReceiver(address, new ProtonLinkOptions().setLinkName(address));
        // The "queue" capability makes the broker treat the address as an anycast queue, as for every service.
        ((Source) link.getSource()).setCapabilities(Symbol.valueOf("queue"));
        link.setPrefetch(0).setAutoAccept(false).handler((delivery, message) -> received(link, delivery, message));
        link.openHandler(opened -> {
            if (opened.failed()) {
                LOG.warnf("cannot take shots from %s: %s", address, opened.cause().getMessage());
                owner.disconnect();
                return;
            }
            receiver = link;
            linked = true;
            outageReported = false;
            LOG.infof("taking shots from %s, one at a time", address);
            if (!busy && !draining) {
                link.flow(1);
            }
        });
        link.closeHandler(closed -> owner.disconnect());
        link.open();
    }

    private void received(ProtonReceiver link, ProtonDelivery delivery, org.apache.qpid.proton.message.Message message) {
        if (draining) {
            // Granted before the drain began: back to the queue for another worker, not counted as an attempt.
            ProtonHelper.released(delivery, true);
            return;
        }
        busy = true;
        trace.take(TraceContext.fromTraceparent(property(message, TraceContext.TRACEPARENT)), address,
                message.getMessageId() == null ? property(message, "cloudEvents:id") : message.getMessageId().toString());
        Object body = payload(message.getBody());
        if (!(body instanceof byte[] bytes)) {
            LOG.warnf("generation command without a binary body (%s) returned to the broker", body);
            settle(link, delivery, Settlement.REDELIVER);
            return;
        }
        handler.handle(property(message, ProtoEnvelope.TYPE_PROPERTY), property(message, ProtoEnvelope.SUBJECT_PROPERTY), bytes).subscribe().with(
                settlement -> context.runOnContext(ignored -> settle(link, delivery, settlement)),
                failure -> context.runOnContext(ignored -> {
                    LOG.errorf(failure, "generation command could not be handled");
                    settle(link, delivery, Settlement.REDELIVER);
                }));
    }

    /** Settles the command on the link it came from, if that link still lives, then asks for the next one. */
    private void settle(ProtonReceiver link, ProtonDelivery delivery, Settlement settlement) {
        busy = false;
        trace.release(settlement == Settlement.ACCEPT);
        if (link == receiver && link.isOpen()) {
            if (settlement == Settlement.ACCEPT) {
                ProtonHelper.accepted(delivery, true);
            } else {
                // Delivery failed, not undeliverable here: the broker counts the attempt and dead-letters after the last.
                ProtonHelper.modified(delivery, true, true, false);
            }
        }
        if (settledWhileDraining != null) {
            settledWhileDraining.complete(null);
            settledWhileDraining = null;
        }
        if (receiver != null && linked && !stopped && !draining) {
            receiver.flow(1);
        }
    }

    private void lost(String why) {
        linked = false;
        receiver = null;
        connection = null;
        if (stopped || reconnectScheduled) {
            return;
        }
        if (!outageReported) {
            LOG.warnf("%s; retrying every %d ms", why, reconnectInterval.toMillis());
            outageReported = true;
        } else {
            LOG.debug(why);
        }
        reconnectScheduled = true;
        vertx.setTimer(Math.max(1, reconnectInterval.toMillis()), ignored -> connect());
    }

    private static String property(org.apache.qpid.proton.message.Message message, String name) {
        ApplicationProperties properties = message.getApplicationProperties();
        Object value = properties == null || properties.getValue() == null ? null : properties.getValue().get(name);
        return value == null ? null : value.toString();
    }

    /** The message body as bytes when it is binary (a Data section, or a binary AMQP value); otherwise as found. */
    private static Object payload(Section body) {
        Binary binary = null;
        if (body instanceof Data data) {
            binary = data.getValue();
        } else if (body instanceof AmqpValue value && value.getValue() instanceof Binary inValue) {
            binary = inValue;
        }
        if (binary != null) {
            return Arrays.copyOfRange(binary.getArray(), binary.getArrayOffset(), binary.getArrayOffset() + binary.getLength());
        }
        return body == null ? "no body" : body;
    }
}
