package io.starloom.scheduler.api.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The error responses every operation shares, said once instead of on every resource method: 401 and 403 where an
 * operation needs a token, 429 (each call spends from the tenant's budget) and 500 everywhere, and every error but
 * 401 (which has no body) as a problem+json {@link Problem}. An operation's own description of a code is kept.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(ProblemResponsesFilter::complete));
    }

    private static void complete(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfMissing(responses, "401", "No valid bearer token was sent (empty body).");
            addIfMissing(responses, "403", "The token lacks the role the operation needs, or names no tenant.");
        }
        addIfMissing(responses, "429", "The tenant's call budget is spent; retry after Retry-After seconds.");
        addIfMissing(responses, "500", "Something went wrong on our side; it has been logged.");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            String code = response.getKey();
            if ((code.startsWith("4") || code.startsWith("5")) && !code.equals("401") && response.getValue().getContent() == null) {
                response.getValue().setContent(problem());
            }
        }
    }

    private static void addIfMissing(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
