package io.starloom.studio.scheduler;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateData;

/**
 * A refusal from the scheduler as the pages show it: the status, the problem's detail and its field errors
 * ({@code errors[] {field, message}}), which the scheduler writes in the story's language.
 */
@TemplateData
public record SchedulerProblem(int status, String detail, List<Map<String, Object>> errors) {

    @SuppressWarnings("unchecked")
    public static SchedulerProblem of(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response response = web.getResponse();
            Map<String, Object> body = Map.of();
            try {
                if (response.hasEntity()) {
                    body = response.readEntity(Map.class);
                }
            } catch (RuntimeException unreadable) {
                // An empty or non-JSON body (401, a proxy's page): the status alone says enough.
            }
            Object errors = body.get("errors");
            return new SchedulerProblem(response.getStatus(), String.valueOf(body.getOrDefault("detail", "")),
                    errors instanceof List<?> list ? (List<Map<String, Object>>) list : List.of());
        }
        return new SchedulerProblem(502, "", List.of());
    }

    private static boolean isStatus(Throwable failure, int status) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == status;
    }

    /**
     * The deployment does not offer the endpoint: 404, or 405 where the path matches another operation's template
     * (the scheduler's {@code /v1/storyboards:preview} before it exists).
     */
    public static boolean notOffered(Throwable failure) {
        return isStatus(failure, 404) || isStatus(failure, 405) || isStatus(failure, 501);
    }

    /** A client mistake the page can show next to the form, as opposed to an outage. */
    public boolean invalidInput() {
        return status == 400 || status == 409 || status == 413 || status == 422 || status == 429 || priorityDenied();
    }

    /** Whether one of the field errors names this field. */
    public boolean names(String field) {
        return errors.stream().anyMatch(error -> field.equals(error.get("field")));
    }

    /** A priority class above the tenant's entitlement: 403 naming {@code priority}. */
    public boolean priorityDenied() {
        return status == 403 && names("priority");
    }

    /** A scheduler without priority classes (older than the studio): its 400 for the unknown field {@code priority}. */
    public boolean priorityUnknown() {
        return unknownField("priority");
    }

    /**
     * The scheduler does not know this field of the submission (a deployment older than the studio): its 400 for an
     * unknown field, which names it, with the code JSON_UNKNOWN_FIELD (older schedulers say so only in the detail).
     */
    public boolean unknownField(String field) {
        return status == 400 && names(field) && (detail.startsWith("unknown field") || errors.stream()
                .anyMatch(error -> field.equals(error.get("field")) && "JSON_UNKNOWN_FIELD".equals(error.get("code"))));
    }
}
