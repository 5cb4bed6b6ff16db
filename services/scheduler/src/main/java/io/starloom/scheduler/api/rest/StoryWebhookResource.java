package io.starloom.scheduler.api.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.webhooks.application.WebhookDeliveries;

/** One story's webhook deliveries over REST (ListWebhookDeliveries with a story id over gRPC). */
@Path("/v1/stories/{id: [^/:]+}/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class StoryWebhookResource {
    private final CallerResolver callers;
    private final WebhookDeliveries deliveries;

    public StoryWebhookResource(CallerResolver callers, WebhookDeliveries deliveries) {
        this.callers = callers;
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "listStoryWebhookDeliveries", summary = "A story's webhook deliveries",
            description = "Every event of the story to its own URL and to the tenant's endpoints, newest first.")
    @APIResponse(responseCode = "200", description = "A page of deliveries.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "A bad page size or token.")
    @APIResponse(responseCode = "404", description = "No such story in the caller's tenant.")
    public Uni<WebhookJson.DeliveryPage> deliveries(@Parameter(description = "The story's id.") @PathParam("id") String id,
            @Parameter(description = "1..100, default 20.") @QueryParam("pageSize") Integer pageSize,
            @Parameter(description = "nextPageToken of the previous page.") @QueryParam("pageToken") String pageToken) {
        return callers.current().chain(caller -> deliveries.ofStory(caller, id, pageSize == null ? 0 : pageSize, pageToken))
                .map(WebhookJson.DeliveryPage::of);
    }
}
