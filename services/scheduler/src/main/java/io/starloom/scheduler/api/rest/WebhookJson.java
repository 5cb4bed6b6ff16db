package io.starloom.scheduler.api.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.ListWebhookDeliveriesResponse;
import io.starloom.proto.v1.Webhook;
import io.starloom.proto.v1.WebhookAttempt;
import io.starloom.proto.v1.WebhookDelivery;
import io.starloom.proto.v1.WebhookSecret;

/** A webhook endpoint as the REST API shows it, and the other bodies of /v1/webhooks. */
@Schema(name = "Webhook", description = "A URL that receives the tenant's story events, signed per Standard Webhooks.")
public record WebhookJson(
        @Schema(description = "The endpoint's id, a UUID.") String id,
        @Schema(description = "https URL, at most 2048 characters, resolving to public addresses only.") String url,
        @Schema(nullable = true) String description,
        @Schema(description = "Events it receives, e.g. story.completed; empty for every event.") List<String> eventTypes,
        Instant createTime,
        Instant updateTime) {

    static WebhookJson of(Webhook webhook) {
        return new WebhookJson(webhook.getId(), webhook.getUrl(), webhook.getDescription().isEmpty() ? null : webhook.getDescription(),
                webhook.getEventTypesList(), instant(webhook.getCreateTime()), instant(webhook.getUpdateTime()));
    }

    /** Body of create (url required) and of update (absent fields stay as they are). */
    @Schema(name = "WebhookBody", description = "An endpoint to register or the fields to change. Unknown fields are refused.",
            additionalProperties = Schema.False.class)
    public record Body(
            @Schema(description = "https URL, at most 2048 characters; required on create.") String url,
            @Schema(description = "For people, at most 200 characters.") String description,
            @Schema(description = "Events to receive, e.g. story.completed, story.failed; empty or absent for every event.") List<String> eventTypes) {
    }

    /** The answer to create: the endpoint and its secret, shown this once. */
    @Schema(name = "CreatedWebhook", description = "The endpoint and its signing secret; the secret is not shown again.")
    public record Created(WebhookJson webhook, Secret secret) {
    }

    @Schema(name = "WebhookSecret", description = "A signing secret, shown once.")
    public record Secret(@Schema(description = "whsec_ and the base64 of 32 random bytes.") String secret,
            @Schema(description = "Until when the replaced secrets keep signing.", nullable = true) Instant previousSecretsExpireTime) {

        static Secret of(WebhookSecret secret) {
            return new Secret(secret.getSecret(), secret.hasPreviousSecretsExpireTime() ? instant(secret.getPreviousSecretsExpireTime()) : null);
        }
    }

    /** Body of the rotate methods. */
    @Schema(name = "RotateWebhookSecretBody", additionalProperties = Schema.False.class)
    public record Rotate(@Schema(description = "How long the current secrets keep signing, 0..604800 seconds; 86400 when absent.")
            Long gracePeriodSeconds) {
    }

    @Schema(name = "WebhookPage", description = "The tenant's endpoints, oldest first.")
    public record Page(List<WebhookJson> webhooks) {
    }

    @Schema(name = "WebhookDelivery", description = "One event for one target, with its attempts.")
    public record Delivery(
            @Schema(description = "The webhook-id header of every attempt.") String id,
            @Schema(description = "The endpoint; null for the story's own webhook URL.", nullable = true) String webhookId,
            String storyId,
            @Schema(description = "e.g. story.completed") String eventType,
            String url,
            @Schema(description = "PENDING, DELIVERED or FAILED.") String state,
            Instant createTime,
            @Schema(nullable = true) Instant nextAttemptTime,
            List<Attempt> attempts) {

        static Delivery of(WebhookDelivery delivery) {
            return new Delivery(delivery.getId(), delivery.getWebhookId().isEmpty() ? null : delivery.getWebhookId(), delivery.getStoryId(),
                    delivery.getEventType(), delivery.getUrl(), ProtoNames.bare(delivery.getState()), instant(delivery.getCreateTime()),
                    delivery.hasNextAttemptTime() ? instant(delivery.getNextAttemptTime()) : null,
                    delivery.getAttemptsList().stream().map(Attempt::of).toList());
        }
    }

    @Schema(name = "WebhookAttempt", description = "One try of a delivery.")
    public record Attempt(Instant attemptTime,
            @Schema(description = "The HTTP status answered; 0 when none was.") int statusCode,
            @Schema(nullable = true) String error,
            long durationMillis) {

        static Attempt of(WebhookAttempt attempt) {
            return new Attempt(instant(attempt.getAttemptTime()), attempt.getStatusCode(), attempt.getError().isEmpty() ? null : attempt.getError(),
                    Durations.toMillis(attempt.getDuration()));
        }
    }

    @Schema(name = "WebhookDeliveryPage", description = "A page of deliveries, newest first.")
    public record DeliveryPage(List<Delivery> deliveries, @Schema(description = "Absent on the last page.", nullable = true) String nextPageToken) {
        static DeliveryPage of(ListWebhookDeliveriesResponse page) {
            return new DeliveryPage(page.getDeliveriesList().stream().map(Delivery::of).toList(),
                    page.getNextPageToken().isEmpty() ? null : page.getNextPageToken());
        }
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
