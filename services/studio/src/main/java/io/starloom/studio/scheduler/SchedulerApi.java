package io.starloom.studio.scheduler;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The scheduler's public REST API (docs/api.md), called with the signed-in user's access token. Bodies are kept as
 * maps: the studio shows what the scheduler answers, including fields added after it was built.
 * Errors arrive as {@link jakarta.ws.rs.WebApplicationException} carrying the problem+json response. Binary files are
 * streamed by {@link SchedulerFiles}.
 */
@RegisterRestClient(configKey = "scheduler")
@RegisterClientHeaders(SessionBearer.class)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SchedulerApi {
    @POST
    @Path("/stories")
    Uni<Map<String, Object>> submit(Map<String, Object> body);

    /** What the deployment offers a submission now (profiles served, priorities the tenant may ask for, …). */
    @GET
    @Path("/submission-options")
    Uni<Map<String, Object>> submissionOptions();

    @GET
    @Path("/stories/{id}")
    Uni<Map<String, Object>> story(@PathParam("id") String id);

    @GET
    @Path("/stories")
    Uni<Map<String, Object>> stories(@QueryParam("pageSize") int pageSize, @QueryParam("pageToken") String pageToken);

    @POST
    @Path("/stories/{id}:cancel")
    Uni<Map<String, Object>> cancel(@PathParam("id") String id);

    /** Each event's data: the story as JSON, now and at every change until it ends. */
    @GET
    @Path("/stories/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<String> events(@PathParam("id") String id);

    /** The storyboard a submission would get (same body as a submission); 404 where the deployment lacks it. */
    @POST
    @Path("/storyboards:preview")
    Uni<Map<String, Object>> previewStoryboard(Map<String, Object> body);

    /** The pre-flight estimate a submission would get (same body as a submission); 404 where the deployment lacks it. */
    @POST
    @Path("/storyboards:estimate")
    Uni<Map<String, Object>> estimate(Map<String, Object> body);

    @GET
    @Path("/reviews")
    Uni<Map<String, Object>> reviews(@QueryParam("state") String state, @QueryParam("pageToken") String pageToken);

    @GET
    @Path("/reviews/{id}")
    Uni<Map<String, Object>> review(@PathParam("id") String id);

    @POST
    @Path("/reviews/{id}:approve")
    Uni<Map<String, Object>> approve(@PathParam("id") String id, Map<String, Object> decision);

    @POST
    @Path("/reviews/{id}:reject")
    Uni<Map<String, Object>> reject(@PathParam("id") String id, Map<String, Object> decision);
}
