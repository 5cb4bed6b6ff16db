package io.starloom.scheduler.api.grpc;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;

import com.google.protobuf.util.Durations;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.CreateWebhookRequest;
import io.starloom.proto.v1.CreateWebhookResponse;
import io.starloom.proto.v1.DeleteWebhookRequest;
import io.starloom.proto.v1.DeleteWebhookResponse;
import io.starloom.proto.v1.GetWebhookRequest;
import io.starloom.proto.v1.GetWebhookResponse;
import io.starloom.proto.v1.ListWebhookDeliveriesRequest;
import io.starloom.proto.v1.ListWebhookDeliveriesResponse;
import io.starloom.proto.v1.ListWebhooksRequest;
import io.starloom.proto.v1.ListWebhooksResponse;
import io.starloom.proto.v1.RotateStoryWebhookSecretRequest;
import io.starloom.proto.v1.RotateStoryWebhookSecretResponse;
import io.starloom.proto.v1.RotateWebhookSecretRequest;
import io.starloom.proto.v1.RotateWebhookSecretResponse;
import io.starloom.proto.v1.UpdateWebhookRequest;
import io.starloom.proto.v1.UpdateWebhookResponse;
import io.starloom.proto.v1.Webhook;
import io.starloom.proto.v1.WebhookService;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.webhooks.application.WebhookDeliveries;
import io.starloom.scheduler.webhooks.application.WebhookEndpoints;
import io.starloom.scheduler.webhooks.domain.WebhookDraft;

/** The tenant's webhook endpoints over gRPC (starloom.v1.WebhookService): the same operations and rules as /v1/webhooks. */
@GrpcService
public class WebhookGrpcService implements WebhookService {
    private static final Set<String> UPDATABLE = Set.of("url", "description", "event_types");

    private final CallerResolver callers;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    public WebhookGrpcService(CallerResolver callers, WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.callers = callers;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<CreateWebhookResponse> createWebhook(CreateWebhookRequest request) {
        Webhook webhook = request.getWebhook();
        return callers.current().chain(caller -> endpoints.create(caller, new WebhookDraft(webhook.getUrl(), webhook.getDescription(),
                webhook.getEventTypesList()))).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<GetWebhookResponse> getWebhook(GetWebhookRequest request) {
        return callers.current().chain(caller -> endpoints.get(caller, request.getWebhookId()))
                .map(webhook -> GetWebhookResponse.newBuilder().setWebhook(webhook).build()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<ListWebhooksResponse> listWebhooks(ListWebhooksRequest request) {
        return callers.current().chain(endpoints::list).map(found -> ListWebhooksResponse.newBuilder().addAllWebhooks(found).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<UpdateWebhookResponse> updateWebhook(UpdateWebhookRequest request) {
        return Uni.createFrom().item(() -> draft(request))
                .chain(draft -> callers.current().chain(caller -> endpoints.update(caller, request.getWebhook().getId(), draft)))
                .map(webhook -> UpdateWebhookResponse.newBuilder().setWebhook(webhook).build()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<DeleteWebhookResponse> deleteWebhook(DeleteWebhookRequest request) {
        return callers.current().chain(caller -> endpoints.delete(caller, request.getWebhookId()))
                .map(ignored -> DeleteWebhookResponse.getDefaultInstance()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<RotateWebhookSecretResponse> rotateWebhookSecret(RotateWebhookSecretRequest request) {
        Duration grace = request.hasGracePeriod() ? Duration.ofMillis(Durations.toMillis(request.getGracePeriod())) : null;
        return callers.current().chain(caller -> endpoints.rotate(caller, request.getWebhookId(), grace))
                .map(secret -> RotateWebhookSecretResponse.newBuilder().setSecret(secret).build()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<RotateStoryWebhookSecretResponse> rotateStoryWebhookSecret(RotateStoryWebhookSecretRequest request) {
        Duration grace = request.hasGracePeriod() ? Duration.ofMillis(Durations.toMillis(request.getGracePeriod())) : null;
        return callers.current().chain(caller -> endpoints.rotateStorySecret(caller, grace))
                .map(secret -> RotateStoryWebhookSecretResponse.newBuilder().setSecret(secret).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<ListWebhookDeliveriesResponse> listWebhookDeliveries(ListWebhookDeliveriesRequest request) {
        boolean byWebhook = !request.getWebhookId().isEmpty();
        boolean byStory = !request.getStoryId().isEmpty();
        if (byWebhook == byStory) {
            return Uni.createFrom().failure(GrpcErrors.toStatus(new InvalidRequestException(List.of(new FieldError(byWebhook ? "storyId" : "webhookId",
                    ErrorCode.WEBHOOK_TARGET_EXCLUSIVE)), false)));
        }
        return callers.current().chain(caller -> byWebhook
                ? deliveries.ofEndpoint(caller, request.getWebhookId(), request.getPageSize(), request.getPageToken())
                : deliveries.ofStory(caller, request.getStoryId(), request.getPageSize(), request.getPageToken()))
                .onFailure().transform(GrpcErrors::toStatus);
    }

    /** The fields the mask names (every updatable one when it is empty); unset fields of the message are then empty. */
    private static WebhookDraft draft(UpdateWebhookRequest request) {
        List<String> paths = request.getUpdateMask().getPathsList();
        paths.stream().filter(path -> !UPDATABLE.contains(path)).findFirst().ifPresent(path -> {
            throw new InvalidRequestException(List.of(new FieldError("updateMask", ErrorCode.WEBHOOK_UPDATE_MASK_PATH, path)),
                    false);
        });
        boolean all = paths.isEmpty();
        Webhook webhook = request.getWebhook();
        return new WebhookDraft(all || paths.contains("url") ? webhook.getUrl() : null,
                all || paths.contains("description") ? webhook.getDescription() : null,
                all || paths.contains("event_types") ? webhook.getEventTypesList() : null);
    }
}
