package io.starloom.studio.web;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.starloom.studio.scheduler.SchedulerApi;
import io.starloom.studio.scheduler.SchedulerProblem;

/** The review queue for role {@code reviewer}: the cases, their evidence, approve or reject with a reason. */
@Path("/reviews")
@RolesAllowed(Viewer.REVIEWER)
@Produces(MediaType.TEXT_HTML)
public class ReviewPages {
    static final Set<String> STATES = Set.of("pending", "approved", "rejected", "closed");

    private final SchedulerApi scheduler;
    private final Pages pages;
    private final Template reviews;
    private final Template review;

    ReviewPages(@RestClient SchedulerApi scheduler, Pages pages, @Location("reviews.html") Template reviews,
            @Location("review.html") Template review) {
        this.scheduler = scheduler;
        this.pages = pages;
        this.reviews = reviews;
        this.review = review;
    }

    @GET
    public Uni<TemplateInstance> list(@RestQuery String state, @RestQuery String pageToken) {
        String wanted = state != null && STATES.contains(state) ? state : "pending";
        return scheduler.reviews(wanted, pageToken == null || pageToken.isBlank() ? null : pageToken)
                .map(page -> pages.of(reviews).data("page", page).data("state", wanted));
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> review(@RestPath String id) {
        return scheduler.review(id).map(current -> page(current, null, ""));
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(@RestPath String id, @RestForm String decision, @RestForm String reason) {
        Map<String, Object> body = Map.of("reason", reason == null ? "" : reason);
        Uni<Map<String, Object>> decided = "approve".equals(decision) ? scheduler.approve(id, body) : scheduler.reject(id, body);
        return decided.map(ignored -> Response.seeOther(URI.create("/reviews/" + id)).build())
                .onFailure(failure -> SchedulerProblem.of(failure).invalidInput())
                .recoverWithUni(failure -> scheduler.review(id).map(current -> Response.status(SchedulerProblem.of(failure).status())
                        .type(MediaType.TEXT_HTML_TYPE).entity(page(current, SchedulerProblem.of(failure), reason)).build()));
    }

    private TemplateInstance page(Map<String, Object> current, SchedulerProblem problem, String reason) {
        return pages.of(review).data("review", current).data("problem", problem).data("reason", reason == null ? "" : reason);
    }
}
