package io.starloom.studio.web;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Errors as pages in the user's language, never a stack trace. The scheduler's 404 (no such story for the caller's
 * tenant) is the studio's 404; an unreachable scheduler is 502.
 */
public class StudioErrors {
    private static final Logger LOG = Logger.getLogger(StudioErrors.class);

    private final Pages pages;
    private final Template error;

    StudioErrors(Pages pages, @Location("error.html") Template error) {
        this.pages = pages;
        this.error = error;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure) {
        int status = failure.getResponse().getStatus();
        String kind = switch (status) {
            case 404, 410 -> "not-found";
            case 403 -> "forbidden";
            default -> "error";
        };
        if (status >= 500) {
            LOG.warnf("the scheduler answered %d", status);
            status = 502;
        }
        return page(status, kind);
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException failure) {
        LOG.warnf("the scheduler could not be reached: %s", failure.getMessage());
        return page(502, "error");
    }

    private Response page(int status, String kind) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(pages.of(error).data("kind", kind)).build();
    }
}
