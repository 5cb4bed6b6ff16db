package io.starloom.scheduler.webhooks.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.CreateWebhookResponse;
import io.starloom.proto.v1.Webhook;
import io.starloom.proto.v1.WebhookSecret;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.webhooks.config.WebhookConfig;
import io.starloom.scheduler.webhooks.domain.SecretSeal;
import io.starloom.scheduler.webhooks.domain.WebhookDraft;
import io.starloom.scheduler.webhooks.domain.WebhookNotFoundException;
import io.starloom.scheduler.webhooks.domain.WebhookSignature;
import io.starloom.scheduler.webhooks.persistence.WebhookEndpointEntity;
import io.starloom.scheduler.webhooks.persistence.WebhookSecretEntity;

/**
 * A tenant's webhook endpoints and signing secrets. Every operation is confined to the caller's tenant;
 * another tenant's endpoint is not found. A secret is returned only by the call that makes it.
 */
@ApplicationScoped
public class WebhookEndpoints {
    private static final Logger LOG = Logger.getLogger(WebhookEndpoints.class);
    private static final Duration MAX_GRACE = Duration.ofDays(7);

    private final WebhookConfig config;
    private final TargetVetting vetting;
    private final SecretSeal seal;

    public WebhookEndpoints(WebhookConfig config, TargetVetting vetting, SecretSeal seal) {
        this.config = config;
        this.vetting = vetting;
        this.seal = seal;
    }

    public Uni<CreateWebhookResponse> create(Caller caller, WebhookDraft draft) {
        if (draft.url() == null || draft.url().isBlank()) {
            throw invalid(withErrors(draft, new FieldError("url", ErrorCode.WEBHOOK_URL_REQUIRED)));
        }
        return check(draft).chain(() -> Panache.withTransaction(() -> WebhookEndpointEntity.count("tenant", caller.tenant())
                .chain(count -> {
                    if (count >= config.maxEndpointsPerTenant()) {
                        throw new InvalidRequestException(List.of(new FieldError("url", ErrorCode.WEBHOOK_LIMIT_REACHED,
                                config.maxEndpointsPerTenant())), true);
                    }
                    Instant now = Instant.now();
                    WebhookEndpointEntity endpoint = new WebhookEndpointEntity();
                    endpoint.id = UUID.randomUUID();
                    endpoint.tenant = caller.tenant();
                    endpoint.url = draft.url().strip();
                    endpoint.description = blankToNull(draft.description());
                    endpoint.eventTypes = draft.eventTypes() == null ? List.of() : List.copyOf(draft.eventTypes());
                    endpoint.createdAt = now;
                    endpoint.updatedAt = now;
                    String secret = WebhookSignature.newSecret();
                    LOG.infof("webhook %s registered for tenant %s", endpoint.id, caller.tenant());
                    return endpoint.persist().chain(() -> newSecret(caller.tenant(), endpoint.id, secret, now).persist())
                            .replaceWith(CreateWebhookResponse.newBuilder().setWebhook(WebhookViews.toWebhook(endpoint))
                                    .setSecret(WebhookSecret.newBuilder().setSecret(secret)).build());
                })));
    }

    public Uni<Webhook> get(Caller caller, String id) {
        return Panache.withSession(() -> endpoint(caller, id)).map(WebhookViews::toWebhook);
    }

    public Uni<List<Webhook>> list(Caller caller) {
        return Panache.withSession(() -> WebhookEndpointEntity.<WebhookEndpointEntity>list("tenant = ?1 order by createdAt, id", caller.tenant()))
                .map(endpoints -> endpoints.stream().map(WebhookViews::toWebhook).toList());
    }

    /** Changes the fields of {@code draft} that are not null. */
    public Uni<Webhook> update(Caller caller, String id, WebhookDraft draft) {
        return check(draft).chain(() -> Panache.withTransaction(() -> endpoint(caller, id).invoke(endpoint -> {
            if (draft.url() != null) {
                endpoint.url = draft.url().strip();
            }
            if (draft.description() != null) {
                endpoint.description = blankToNull(draft.description());
            }
            if (draft.eventTypes() != null) {
                endpoint.eventTypes = List.copyOf(draft.eventTypes());
            }
            endpoint.updatedAt = Instant.now();
        }))).map(WebhookViews::toWebhook);
    }

    public Uni<Void> delete(Caller caller, String id) {
        return Panache.withTransaction(() -> endpoint(caller, id).chain(endpoint -> endpoint.delete()))
                .invoke(() -> LOG.infof("webhook %s deleted by %s", id, caller.subject()));
    }

    /** A new secret for an endpoint; the current ones keep signing for {@code grace} (null: the configured default). */
    public Uni<WebhookSecret> rotate(Caller caller, String id, Duration grace) {
        Duration period = grace(grace);
        return Panache.withTransaction(() -> endpoint(caller, id).chain(endpoint -> rotate(caller.tenant(), endpoint.id, period)));
    }

    /** A new secret for the tenant's story webhooks (a story's own webhook URL). */
    public Uni<WebhookSecret> rotateStorySecret(Caller caller, Duration grace) {
        Duration period = grace(grace);
        return Panache.withTransaction(() -> rotate(caller.tenant(), null, period));
    }

    /** Whether the tenant can sign story webhooks: a story with a webhook URL needs a secret. */
    public Uni<Boolean> hasStorySecret(String tenant) {
        return WebhookSecretEntity.count("tenant = ?1 and endpointId is null and (expiresAt is null or expiresAt > ?2)", tenant, Instant.now())
                .map(count -> count > 0);
    }

    private Uni<WebhookSecret> rotate(String tenant, UUID endpointId, Duration grace) {
        Instant now = Instant.now();
        Instant until = now.plus(grace);
        Uni<Integer> expired = endpointId == null
                ? WebhookSecretEntity.update("expiresAt = ?1 where tenant = ?2 and endpointId is null and (expiresAt is null or expiresAt > ?1)",
                        until, tenant)
                : WebhookSecretEntity.update("expiresAt = ?1 where tenant = ?2 and endpointId = ?3 and (expiresAt is null or expiresAt > ?1)",
                        until, tenant, endpointId);
        String secret = WebhookSignature.newSecret();
        LOG.infof("webhook secret rotated for tenant %s, %s; the old ones sign for %s more", tenant,
                endpointId == null ? "story webhooks" : "endpoint " + endpointId, grace);
        return expired.chain(replaced -> newSecret(tenant, endpointId, secret, now).persist()
                .replaceWith(() -> {
                    WebhookSecret.Builder answer = WebhookSecret.newBuilder().setSecret(secret);
                    if (replaced > 0) {
                        answer.setPreviousSecretsExpireTime(WebhookViews.timestamp(until));
                    }
                    return answer.build();
                }));
    }

    private Duration grace(Duration grace) {
        Duration period = grace == null ? config.defaultGracePeriod() : grace;
        if (period.isNegative() || period.compareTo(MAX_GRACE) > 0) {
            throw new InvalidRequestException(List.of(new FieldError("gracePeriod", ErrorCode.WEBHOOK_GRACE_PERIOD_OUT_OF_RANGE)), false);
        }
        return period;
    }

    private Uni<Void> check(WebhookDraft draft) {
        List<FieldError> errors = draft.errors();
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(invalid(errors));
        }
        return draft.url() == null ? Uni.createFrom().voidItem() : vetting.vetField("url", draft.url());
    }

    private static List<FieldError> withErrors(WebhookDraft draft, FieldError error) {
        List<FieldError> errors = new ArrayList<>(List.of(error));
        errors.addAll(draft.errors());
        return errors;
    }

    private static InvalidRequestException invalid(List<FieldError> errors) {
        return new InvalidRequestException(errors, false);
    }

    static Uni<WebhookEndpointEntity> endpoint(Caller caller, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new WebhookNotFoundException(String.valueOf(id)));
        }
        return WebhookEndpointEntity.<WebhookEndpointEntity>find("id = ?1 and tenant = ?2", uuid, caller.tenant()).firstResult()
                .onItem().ifNull().failWith(() -> new WebhookNotFoundException(id));
    }

    private WebhookSecretEntity newSecret(String tenant, UUID endpointId, String secret, Instant now) {
        WebhookSecretEntity row = new WebhookSecretEntity();
        row.id = UUID.randomUUID();
        row.tenant = tenant;
        row.endpointId = endpointId;
        SecretSeal.Sealed sealed = seal.seal(row.id, tenant, secret);
        row.secret = sealed.text();
        row.keyId = sealed.keyId();
        row.createdAt = now;
        return row;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
