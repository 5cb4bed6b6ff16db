package io.starloom.scheduler.api.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.webhooks.application.WebhookDeliveries;
import io.starloom.scheduler.webhooks.application.WebhookEndpoints;
import io.starloom.scheduler.webhooks.domain.WebhookDraft;
import io.starloom.scheduler.webhooks.domain.WebhookNotFoundException;

/** The tenant's webhook endpoints over REST; the same operations are starloom.v1.WebhookService over gRPC. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Endpoints that receive signed story events, their secrets and delivery log.")
@SecurityRequirement(name = StoryResource.SECURITY_SCHEME)
public class WebhookResource {
    private static final String WEBHOOK_ID = "The endpoint's id.";

    private final CallerResolver callers;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    public WebhookResource(CallerResolver callers, WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.callers = callers;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "createWebhook", summary = "Register an endpoint",
            description = "The answer carries the endpoint's signing secret, the only time it is shown. Needs the role story-writer.")
    @APIResponse(responseCode = "201", description = "Registered.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.Created.class)))
    @APIResponse(responseCode = "400", description = "A bad URL (not https, a non-public address …), description or event type; `errors` names it.")
    @APIResponse(responseCode = "422", description = "The tenant has as many endpoints as it may.")
    public Uni<Response> create(WebhookJson.Body body) {
        WebhookDraft draft = draft(body);
        return callers.current().chain(caller -> endpoints.create(caller, draft))
                .map(created -> Response.status(201).location(URI.create("/v1/webhooks/" + created.getWebhook().getId()))
                        .entity(new WebhookJson.Created(WebhookJson.of(created.getWebhook()), WebhookJson.Secret.of(created.getSecret()))).build());
    }

    @GET
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "listWebhooks", summary = "List endpoints", description = "The tenant's endpoints, oldest first.")
    @APIResponse(responseCode = "200", description = "The endpoints.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.Page.class)))
    public Uni<WebhookJson.Page> list() {
        return callers.current().chain(endpoints::list).map(found -> new WebhookJson.Page(found.stream().map(WebhookJson::of).toList()));
    }

    @GET
    @Path("{id: [^/:]+}")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "getWebhook", summary = "Get an endpoint", description = "One endpoint of the caller's tenant, without its secret.")
    @APIResponse(responseCode = "200", description = "The endpoint (never its secret).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in the caller's tenant.")
    public Uni<WebhookJson> get(@Parameter(description = WEBHOOK_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> endpoints.get(caller, id)).map(WebhookJson::of);
    }

    @PATCH
    @Path("{id: [^/:]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "updateWebhook", summary = "Change an endpoint", description = "Changes the fields the body names. Needs story-writer.")
    @APIResponse(responseCode = "200", description = "The endpoint as changed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "400", description = "A bad field; `errors` names it.")
    @APIResponse(responseCode = "404", description = "No such endpoint in the caller's tenant.")
    public Uni<WebhookJson> update(@Parameter(description = WEBHOOK_ID) @PathParam("id") String id, WebhookJson.Body body) {
        WebhookDraft draft = draft(body);
        return callers.current().chain(caller -> endpoints.update(caller, id, draft)).map(WebhookJson::of);
    }

    @DELETE
    @Path("{id: [^/:]+}")
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "deleteWebhook", summary = "Remove an endpoint", description = "Removes it and its delivery log. Needs story-writer.")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "404", description = "No such endpoint in the caller's tenant.")
    public Uni<Response> delete(@Parameter(description = WEBHOOK_ID) @PathParam("id") String id) {
        return callers.current().chain(caller -> endpoints.delete(caller, id)).map(ignored -> Response.noContent().build());
    }

    /** A custom method in the Google API style. */
    @POST
    @Path("{id: [^/:]+}:rotateSecret")
    @RolesAllowed(Roles.STORY_WRITER)
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate an endpoint's secret",
            description = "A new secret signs from now on; the current ones keep signing too (several signatures) until the grace period ends.")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.Secret.class)))
    @APIResponse(responseCode = "400", description = "A bad grace period.")
    @APIResponse(responseCode = "404", description = "No such endpoint in the caller's tenant.")
    public Uni<WebhookJson.Secret> rotate(@Parameter(description = WEBHOOK_ID) @PathParam("id") String id, WebhookJson.Rotate body) {
        Duration grace = grace(body);
        return callers.current().chain(caller -> endpoints.rotate(caller, id, grace)).map(WebhookJson.Secret::of);
    }

    @GET
    @Path("{id: [^/:]+}/deliveries")
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's delivery log", description = "Newest first, with every attempt.")
    @APIResponse(responseCode = "200", description = "A page of deliveries.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookJson.DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "A bad page size or token.")
    @APIResponse(responseCode = "404", description = "No such endpoint in the caller's tenant.")
    public Uni<WebhookJson.DeliveryPage> deliveries(@Parameter(description = WEBHOOK_ID) @PathParam("id") String id,
            @Parameter(description = "1..100, default 20.") @QueryParam("pageSize") Integer pageSize,
            @Parameter(description = "nextPageToken of the previous page.") @QueryParam("pageToken") String pageToken) {
        return callers.current().chain(caller -> deliveries.ofEndpoint(caller, id, pageSize == null ? 0 : pageSize, pageToken))
                .map(WebhookJson.DeliveryPage::of);
    }

    @ServerExceptionMapper
    public Response notFound(WebhookNotFoundException e, HttpHeaders headers) {
        Locale locale = Problem.locale(headers);
        return Problem.of("not-found", "webhook-not-found", 404, e, locale).response(locale).build();
    }

    static WebhookDraft draft(WebhookJson.Body body) {
        if (body == null) {
            throw new InvalidRequestException(List.of(new FieldError("body", ErrorCode.BODY_REQUIRED)), false);
        }
        return new WebhookDraft(body.url(), body.description(), body.eventTypes());
    }

    static Duration grace(WebhookJson.Rotate body) {
        return body == null || body.gracePeriodSeconds() == null ? null : Duration.ofSeconds(body.gracePeriodSeconds());
    }
}
