package io.starloom.scheduler.webhooks.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.SkipLocked;
import io.starloom.scheduler.persistence.StoryEntity;
import io.starloom.scheduler.webhooks.config.WebhookConfig;
import io.starloom.scheduler.webhooks.domain.RetrySchedule;
import io.starloom.scheduler.webhooks.domain.SecretSeal;
import io.starloom.scheduler.webhooks.domain.TargetRefusedException;
import io.starloom.scheduler.webhooks.domain.WebhookSignature;
import io.starloom.scheduler.webhooks.persistence.WebhookAttemptEntity;
import io.starloom.scheduler.webhooks.persistence.WebhookDeliveryEntity;
import io.starloom.scheduler.webhooks.persistence.WebhookSecretEntity;

/**
 * Sends due deliveries from the webhook outbox. A pass claims due rows with SKIP LOCKED (so replicas share
 * the work) and pushes their next attempt past the time an attempt can take, then commits and sends outside
 * any transaction: a replica that dies mid-send leaves the row to be tried again once that lease runs out.
 * Each outcome is recorded in its own transaction: delivered, retried after the schedule's next wait, or
 * failed once the schedule is spent. Delivery is at least once; the webhook-id lets receivers drop repeats.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Claimed with SKIP LOCKED, so replicas share the due deliveries. */
    private static final String DUE = "FROM WebhookDeliveryEntity WHERE state = :pending AND nextAttemptAt <= :now ORDER BY nextAttemptAt";

    /** One claimed delivery, ready to send. */
    private record Claimed(UUID id, String url, String body, List<String> secrets, List<String> unopenable, int attempts) {
    }

    private final WebhookConfig config;
    private final TargetVetting vetting;
    private final WebhookSender sender;
    private final WebhookPayloads payloads;
    private final IsolatedSessions sessions;
    private final SecretSeal seal;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final AtomicBoolean running = new AtomicBoolean();

    public WebhookDispatcher(WebhookConfig config, TargetVetting vetting, WebhookSender sender, WebhookPayloads payloads,
            IsolatedSessions sessions, SecretSeal seal) {
        this.config = config;
        this.seal = seal;
        this.vetting = vetting;
        this.sender = sender;
        this.payloads = payloads;
        this.sessions = sessions;
        this.schedule = new RetrySchedule(config.retrySchedule(), config.jitter(), new java.util.SplittableRandom());
        // Longer than resolving, connecting and the whole exchange together.
        this.lease = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
    }

    @Scheduled(every = "${starloom.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return sessions.run(this::deliverDue).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("webhook delivery pass failed, will retry: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid()
                .eventually(() -> running.set(false));
    }

    /** Sends what is due now; returns how many were tried. */
    public Uni<Integer> deliverDue() {
        return Panache.withTransaction(this::claim)
                .chain(claimed -> Multi.createFrom().iterable(claimed).onItem().transformToUniAndMerge(this::attempt).collect().asList()
                        .map(List::size));
    }

    private Uni<List<Claimed>> claim() {
        Instant now = Instant.now();
        Instant leaseEnd = now.plus(lease);
        return Panache.getSession().chain(session -> session.createSelectionQuery(DUE, WebhookDeliveryEntity.class)
                .setParameter("pending", WebhookDeliveryEntity.State.PENDING).setParameter("now", now).setMaxResults(config.batchSize())
                .setLockMode(SkipLocked.MODE).getResultList())
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row -> prepare(row, leaseEnd))
                        .collect().asList());
    }

    private Uni<Claimed> prepare(WebhookDeliveryEntity row, Instant leaseEnd) {
        row.nextAttemptAt = leaseEnd;
        Uni<String> body = row.body != null ? Uni.createFrom().item(row.body)
                : StoryEntity.<StoryEntity>findById(row.storyId).map(story -> row.body = payloads.body(row, story));
        Instant now = Instant.now();
        Uni<List<WebhookSecretEntity>> secrets = row.endpointId == null
                ? WebhookSecretEntity.list("tenant = ?1 and endpointId is null and (expiresAt is null or expiresAt > ?2) order by createdAt desc",
                        row.tenant, now)
                : WebhookSecretEntity.list("endpointId = ?1 and (expiresAt is null or expiresAt > ?2) order by createdAt desc", row.endpointId, now);
        return body.chain(text -> secrets.map(found -> {
            List<String> opened = new ArrayList<>();
            List<String> unopenable = new ArrayList<>();
            for (WebhookSecretEntity secret : found) {
                try {
                    opened.add(open(secret));
                } catch (SecretSeal.UnopenableException e) {
                    unopenable.add(e.getMessage());
                }
            }
            return new Claimed(row.id, row.url, text, opened, unopenable, row.attempts);
        }));
    }

    private String open(WebhookSecretEntity secret) {
        if (secret.keyId == null) {
            throw new SecretSeal.UnopenableException("webhook secret " + secret.id + " is not sealed yet (sealed at the next start)");
        }
        return seal.open(secret.id, secret.tenant, new SecretSeal.Sealed(secret.keyId, secret.secret));
    }

    private Uni<Void> attempt(Claimed claimed) {
        Instant at = Instant.now();
        Uni<WebhookSender.Result> result;
        if (!claimed.unopenable().isEmpty()) {
            // Logged for the operator (ids and key ids only); the tenant's log says only that signing failed.
            LOG.warnf("webhook delivery %s: %s", claimed.id(), String.join("; ", claimed.unopenable()));
        }
        if (claimed.secrets().isEmpty() && !claimed.unopenable().isEmpty()) {
            result = Uni.createFrom().item(new WebhookSender.Result(0,
                    "signing secret cannot be opened with the configured keys: the operator must configure its key", 0));
        } else if (claimed.secrets().isEmpty()) {
            result = Uni.createFrom().item(new WebhookSender.Result(0, "no signing secret: rotate the story webhook secret first", 0));
        } else {
            long timestamp = at.getEpochSecond();
            String id = MessageIds.of(claimed.id());
            String signature = WebhookSignature.header(claimed.secrets(), id, timestamp, claimed.body());
            // Checked again now, on the addresses the name resolves to at this moment, and sent to the checked one.
            result = vetting.vet(claimed.url()).chain(vetted -> sender.send(vetted, id, timestamp, signature, claimed.body()))
                    .onFailure(TargetRefusedException.class)
                    .recoverWithItem(refused -> new WebhookSender.Result(0, "refused: " + refused.getMessage(), 0));
        }
        // Attempts run side by side: each records on a session of its own.
        return result.chain(outcome -> sessions.run(() -> Panache.withTransaction(() -> record(claimed, at, outcome))));
    }

    private Uni<Void> record(Claimed claimed, Instant at, WebhookSender.Result outcome) {
        WebhookAttemptEntity attempt = new WebhookAttemptEntity();
        attempt.id = UUID.randomUUID();
        attempt.deliveryId = claimed.id();
        attempt.attemptedAt = at;
        attempt.statusCode = outcome.statusCode();
        attempt.error = outcome.error();
        attempt.durationMillis = outcome.millis();
        return WebhookDeliveryEntity.<WebhookDeliveryEntity>findById(claimed.id()).chain(row -> {
            if (row == null) {
                // The endpoint was deleted meanwhile, and its log with it.
                return Uni.createFrom().voidItem();
            }
            row.attempts = claimed.attempts() + 1;
            Instant now = Instant.now();
            if (outcome.delivered()) {
                row.state = WebhookDeliveryEntity.State.DELIVERED;
                row.finishedAt = now;
                row.nextAttemptAt = null;
            } else {
                schedule.after(row.attempts).ifPresentOrElse(wait -> row.nextAttemptAt = now.plus(wait), () -> {
                    row.state = WebhookDeliveryEntity.State.FAILED;
                    row.finishedAt = now;
                    row.nextAttemptAt = null;
                });
                LOG.infof("webhook delivery %s attempt %d failed (%s); %s", row.id, row.attempts, outcome.error(),
                        row.state == WebhookDeliveryEntity.State.FAILED ? "giving up" : "next at " + row.nextAttemptAt);
            }
            return attempt.persist().replaceWithVoid();
        });
    }
}
