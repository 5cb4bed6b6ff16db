package io.starloom.scheduler.webhooks.application;

import java.time.Instant;
import java.util.List;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.starloom.proto.v1.Webhook;
import io.starloom.proto.v1.WebhookAttempt;
import io.starloom.proto.v1.WebhookDelivery;
import io.starloom.proto.v1.WebhookDeliveryState;
import io.starloom.scheduler.webhooks.persistence.WebhookAttemptEntity;
import io.starloom.scheduler.webhooks.persistence.WebhookDeliveryEntity;
import io.starloom.scheduler.webhooks.persistence.WebhookEndpointEntity;

/** Stored webhooks as the public contract's messages; REST maps these in turn. */
final class WebhookViews {
    private WebhookViews() {
    }

    static Webhook toWebhook(WebhookEndpointEntity endpoint) {
        return Webhook.newBuilder().setId(endpoint.id.toString()).setUrl(endpoint.url)
                .setDescription(endpoint.description == null ? "" : endpoint.description).addAllEventTypes(endpoint.eventTypes)
                .setCreateTime(timestamp(endpoint.createdAt)).setUpdateTime(timestamp(endpoint.updatedAt)).build();
    }

    static WebhookDelivery toDelivery(WebhookDeliveryEntity delivery, List<WebhookAttemptEntity> attempts) {
        WebhookDelivery.Builder view = WebhookDelivery.newBuilder().setId(MessageIds.of(delivery.id))
                .setWebhookId(delivery.endpointId == null ? "" : delivery.endpointId.toString()).setStoryId(delivery.storyId.toString())
                .setEventType(delivery.eventType).setUrl(delivery.url).setCreateTime(timestamp(delivery.createdAt))
                .setState(switch (delivery.state) {
                    case PENDING -> WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_PENDING;
                    case DELIVERED -> WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_DELIVERED;
                    case FAILED -> WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_FAILED;
                });
        if (delivery.state == WebhookDeliveryEntity.State.PENDING && delivery.nextAttemptAt != null) {
            view.setNextAttemptTime(timestamp(delivery.nextAttemptAt));
        }
        attempts.forEach(attempt -> view.addAttempts(WebhookAttempt.newBuilder().setAttemptTime(timestamp(attempt.attemptedAt))
                .setStatusCode(attempt.statusCode).setError(attempt.error == null ? "" : attempt.error)
                .setDuration(Durations.fromMillis(attempt.durationMillis))));
        return view.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamps.fromNanos(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }
}
