package io.starloom.scheduler.webhooks.application;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.ListWebhookDeliveriesResponse;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.application.StoryQueries;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.webhooks.persistence.WebhookAttemptEntity;
import io.starloom.scheduler.webhooks.persistence.WebhookDeliveryEntity;

/** The tenant's delivery log: per endpoint or per story, newest first, each delivery with its attempts. */
@ApplicationScoped
public class WebhookDeliveries {
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    private final StoryQueries stories;

    public WebhookDeliveries(StoryQueries stories) {
        this.stories = stories;
    }

    public Uni<ListWebhookDeliveriesResponse> ofEndpoint(Caller caller, String webhookId, int pageSize, String pageToken) {
        return Panache.withSession(() -> WebhookEndpoints.endpoint(caller, webhookId)
                .chain(endpoint -> page("endpointId = :owner", endpoint.id, caller, pageSize, pageToken)));
    }

    /** A story of another tenant is not found, as everywhere. */
    public Uni<ListWebhookDeliveriesResponse> ofStory(Caller caller, String storyId, int pageSize, String pageToken) {
        return stories.entity(caller, storyId).chain(story -> Panache.withSession(() -> page("storyId = :owner", story.id, caller, pageSize,
                pageToken)));
    }

    private Uni<ListWebhookDeliveriesResponse> page(String owner, UUID ownerId, Caller caller, int pageSize, String pageToken) {
        if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidRequestException(List.of(new FieldError("pageSize", ErrorCode.PAGE_SIZE_OUT_OF_RANGE, MAX_PAGE_SIZE)), false);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
        StoryQueries.Cursor after = StoryQueries.Cursor.parse(pageToken);
        Parameters parameters = Parameters.with("owner", ownerId).and("tenant", caller.tenant());
        String query = owner + " and tenant = :tenant";
        if (after != null) {
            query += " and (createdAt < :after or (createdAt = :after and id < :afterId))";
            parameters.and("after", after.createdAt()).and("afterId", after.id());
        }
        return WebhookDeliveryEntity.<WebhookDeliveryEntity>find(query + " order by createdAt desc, id desc", parameters)
                .page(Page.ofSize(size + 1)).list().chain(found -> {
                    List<WebhookDeliveryEntity> page = found.subList(0, Math.min(size, found.size()));
                    List<UUID> ids = page.stream().map(d -> d.id).toList();
                    Uni<List<WebhookAttemptEntity>> attempts = ids.isEmpty() ? Uni.createFrom().item(List.of())
                            : WebhookAttemptEntity.list("deliveryId in ?1 order by attemptedAt", ids);
                    return attempts.map(all -> {
                        ListWebhookDeliveriesResponse.Builder response = ListWebhookDeliveriesResponse.newBuilder();
                        page.forEach(d -> response.addDeliveries(WebhookViews.toDelivery(d, all.stream().filter(a -> a.deliveryId.equals(d.id)).toList())));
                        if (found.size() > size) {
                            WebhookDeliveryEntity last = page.get(page.size() - 1);
                            response.setNextPageToken(new StoryQueries.Cursor(last.createdAt, last.id).encode());
                        }
                        return response.build();
                    });
                });
    }
}
