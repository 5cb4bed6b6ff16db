package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.scheduler.api.rest.StoryResource;

/** /q/openapi documents every REST endpoint, its errors as problem+json, and the bearer token it needs. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private JsonNode document;

    @BeforeEach
    void fetchWithoutAToken() throws Exception {
        document = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
    }

    /** Found by reflection, so that an endpoint added without documentation fails here. */
    static List<Endpoint> endpoints() {
        String base = StoryResource.class.getAnnotation(Path.class).value();
        return Arrays.stream(StoryResource.class.getDeclaredMethods()).flatMap(method -> Arrays.stream(method.getAnnotations())
                .filter(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))
                .map(a -> new Endpoint(method, a.annotationType().getAnnotation(HttpMethod.class).value().toLowerCase(Locale.ROOT),
                        template(base, method.getAnnotation(Path.class)))))
                .toList();
    }

    record Endpoint(Method method, String httpMethod, String path) {
    }

    @Test
    void everyEndpointIsDocumentedWithItsOperationTagSecurityAndErrors() {
        assertThat(endpoints()).hasSizeGreaterThanOrEqualTo(9);
        for (Endpoint endpoint : endpoints()) {
            String where = endpoint.httpMethod() + " " + endpoint.path() + " (" + endpoint.method().getName() + ")";
            JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.httpMethod());
            assertThat(operation.isObject()).as(where + " is documented; paths: " + fieldNames(document.path("paths"))).isTrue();
            assertThat(operation.path("operationId").asText()).as(where).isNotBlank();
            assertThat(operation.path("summary").asText()).as(where).isNotBlank();
            assertThat(operation.path("description").asText()).as(where).isNotBlank();
            assertThat(texts(operation.path("tags"))).as(where).contains("stories");
            assertThat(fieldNames(operation.path("security").path(0))).as(where).containsExactly("bearer");

            JsonNode responses = operation.path("responses");
            assertThat(fieldNames(responses)).as(where).contains("401", "403", "500");
            String success = fieldNames(responses).stream().filter(code -> code.startsWith("2")).findFirst().orElseThrow();
            assertThat(fieldNames(responses.path(success).path("content"))).as(where + " documents its " + success + " body").isNotEmpty();
            for (String code : fieldNames(responses)) {
                if ((code.startsWith("4") || code.startsWith("5")) && !code.equals("401")) {
                    assertThat(responses.path(code).path("content").path("application/problem+json").path("schema").path("$ref").asText())
                            .as(where + " answers " + code + " as a Problem").isEqualTo(PROBLEM_REF);
                }
            }
        }
    }

    /** Said once, by ProblemResponsesFilter: every operation of every resource documents the errors all of them share. */
    @Test
    void everyOperationDocumentsTheSharedProblemResponses() {
        int operations = 0;
        for (String path : fieldNames(document.path("paths"))) {
            for (String method : fieldNames(document.path("paths").path(path))) {
                String where = method + " " + path;
                JsonNode operation = document.path("paths").path(path).path(method);
                JsonNode responses = operation.path("responses");
                boolean secured = !operation.path("security").isEmpty();
                assertThat(fieldNames(responses)).as(where).contains("429", "500");
                if (secured) {
                    assertThat(fieldNames(responses)).as(where).contains("401", "403");
                    assertThat(responses.path("401").has("content")).as(where + ": a 401 has no body").isFalse();
                }
                for (String code : fieldNames(responses)) {
                    assertThat(responses.path(code).path("description").asText()).as(where + " " + code).isNotBlank();
                    if ((code.startsWith("4") || code.startsWith("5")) && !code.equals("401")) {
                        assertThat(fieldNames(responses.path(code).path("content"))).as(where + " " + code).containsExactly("application/problem+json");
                        assertThat(responses.path(code).path("content").path("application/problem+json").path("schema").path("$ref").asText())
                                .as(where + " answers " + code + " as a Problem").isEqualTo(PROBLEM_REF);
                    }
                }
                operations++;
            }
        }
        assertThat(operations).as("the stories, storyboards, shots, reviews, webhooks and film links operations").isGreaterThanOrEqualTo(30);
        assertThat(document.path("paths").path("/v1/film-links/{token}").path("get").path("responses").has("401"))
                .as("a download by link needs no token").isFalse();
        assertThat(document.path("paths").path("/v1/stories").path("post").path("responses").path("403").path("description").asText())
                .as("an operation's own description is kept").contains("priority");
    }

    @Test
    void badRequestsAndMissingStoriesReferenceTheProblemSchema() {
        JsonNode submit = document.path("paths").path("/v1/stories").path("post");
        assertThat(submit.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/SubmitStoryRequest");
        assertThat(document.path("components").path("schemas").path("SubmitStoryRequest").path("additionalProperties").asBoolean(true))
                .as("unknown fields are refused").isFalse();
        assertThat(submit.path("responses").path("400").path("content").path("application/problem+json").path("schema").path("$ref").asText())
                .isEqualTo(PROBLEM_REF);
        assertThat(document.path("paths").path("/v1/stories/{id}").path("get").path("responses").path("404").path("content")
                .path("application/problem+json").path("schema").path("$ref").asText()).isEqualTo(PROBLEM_REF);

        JsonNode problem = document.path("components").path("schemas").path("Problem").path("properties");
        assertThat(fieldNames(problem)).contains("type", "title", "status", "detail", "errors");
        assertThat(problem.path("errors").path("items").path("$ref").asText()).isEqualTo("#/components/schemas/FieldError");
        assertThat(fieldNames(document.path("components").path("schemas").path("FieldError").path("properties"))).contains("field", "message");
    }

    @Test
    void theSecuritySchemeIsABearerToken() {
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(fieldNames(document.path("components").path("securitySchemes"))).containsExactly("bearer");
    }

    @Test
    void enumLikeFieldsListTheirNames() {
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(texts(schemas.path("SubmitStoryRequest").path("properties").path("style").path("enum")))
                .containsExactly("cinematic", "ink-wash", "planetarium", "mythological-fantasy", "storybook");
        assertThat(texts(schemas.path("Story").path("properties").path("state").path("enum"))).contains("ENRICHING", "COMPLETED", "CANCELED");
    }

    @Test
    void theDocumentIsPublicTheApiIsNot() {
        given().when().get("/v1/stories").then().statusCode(401);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    /** The path as OpenAPI writes it: "/v1/stories/{id}:cancel" for "{id: [^/:]+}:cancel". */
    private static String template(String base, Path path) {
        return (path == null ? base : base + "/" + path.value()).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
