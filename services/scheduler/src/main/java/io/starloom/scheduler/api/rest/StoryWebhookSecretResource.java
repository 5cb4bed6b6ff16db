package io.starloom.scheduler.api.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.webhooks.application.WebhookEndpoints;

/** The tenant's secret for stories' own webhook URLs, a custom method on the webhooks collection in the Google API style. */
@Path("/v1/webhooks:rotateStorySecret")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class StoryWebhookSecretResource {
    private final CallerResolver callers;
    private final WebhookEndpoints endpoints;

    public StoryWebhookSecretResource(CallerResolver callers, WebhookEndpoints endpoints) {
        this.callers = callers;
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "rotateStoryWebhookSecret", summary = "Make or rotate the story webhook secret",
            description = "The secret that signs events sent to a story's own webhookUrl; a story with a webhookUrl needs one. "
                    + "The current ones keep signing until the grace period ends. Needs story-writer.")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.Secret.class)))
    @APIResponse(responseCode = "400", description = "A bad grace period.")
    public Uni<WebhookJson.Secret> rotateStorySecret(WebhookJson.Rotate body) {
        var grace = WebhookResource.grace(body);
        return callers.current().chain(caller -> endpoints.rotateStorySecret(caller, grace)).map(WebhookJson.Secret::of);
    }
}
