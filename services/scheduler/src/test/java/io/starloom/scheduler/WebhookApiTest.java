package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.proto.v1.CreateWebhookRequest;
import io.starloom.proto.v1.GetWebhookRequest;
import io.starloom.proto.v1.ListWebhookDeliveriesRequest;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.Webhook;
import io.starloom.proto.v1.WebhookService;

/** Webhook endpoints and the submission options at the edge: validation, roles and tenancy over REST and gRPC. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class WebhookApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RECEIVER = "http://127.0.0.1:9/hook";

    @GrpcClient("webhooks")
    WebhookService webhooks;

    @GrpcClient("stories")
    StoryService stories;

    @Inject
    SentCommands sent;

    @Test
    void anEndpointIsCreatedWithItsSecretOnceAndSeenOnlyByItsTenant() {
        String writer = token("wh-api-a", Roles.STORY_WRITER);
        var created = given().auth().oauth2(writer).contentType(ContentType.JSON)
                .body(Map.of("url", RECEIVER, "description", "订单通知", "eventTypes", List.of("story.completed", "story.failed")))
                .when().post("/v1/webhooks").then().statusCode(201)
                .header("Location", containsString("/v1/webhooks/"))
                .body("webhook.url", equalTo(RECEIVER)).body("webhook.description", equalTo("订单通知"))
                .body("secret.secret", startsWith("whsec_")).extract().jsonPath();
        String id = created.getString("webhook.id");

        given().auth().oauth2(token("wh-api-a", Roles.STORY_READER)).when().get("/v1/webhooks/" + id).then().statusCode(200)
                .body("eventTypes", hasSize(2)).body("$", not(hasKey("secret")));
        given().auth().oauth2(writer).when().get("/v1/webhooks").then().statusCode(200).body("webhooks.id", org.hamcrest.Matchers.hasItem(id))
                .body(not(containsString("whsec_")));

        String stranger = token("wh-api-b", Roles.STORY_WRITER);
        given().auth().oauth2(stranger).when().get("/v1/webhooks/" + id).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("description", "mine now"))
                .when().patch("/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of())
                .when().post("/v1/webhooks/" + id + ":rotateSecret").then().statusCode(404);
        given().auth().oauth2(stranger).when().get("/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        given().auth().oauth2(stranger).when().delete("/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).when().get("/v1/webhooks").then().statusCode(200).body("webhooks", hasSize(0));
        given().auth().oauth2(token("wh-api-a", Roles.STORY_READER)).contentType(ContentType.JSON).body(Map.of("url", RECEIVER))
                .when().post("/v1/webhooks").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("url", RECEIVER)).when().post("/v1/webhooks").then().statusCode(401);

        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of()))
                .when().patch("/v1/webhooks/" + id).then().statusCode(200).body("eventTypes", hasSize(0)).body("url", equalTo(RECEIVER));
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("gracePeriodSeconds", 60))
                .when().post("/v1/webhooks/" + id + ":rotateSecret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretsExpireTime", notNullValue());
        given().auth().oauth2(writer).when().delete("/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(writer).when().get("/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void badEndpointsAreRefusedNamingTheField() {
        String writer = token("wh-api-bad", Roles.STORY_WRITER);
        for (String url : List.of("ftp://example.com/x", "https://10.0.0.1/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x",
                "https://2130706433/x", "https://user:pw@example.com/x", "https://localhost/x")) {
            given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("url", url))
                    .when().post("/v1/webhooks").then().statusCode(400).contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("url"));
        }
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("url", RECEIVER, "eventTypes", List.of("story.exploded")))
                .when().post("/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("eventTypes"));
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("url", RECEIVER, "secret", "whsec_mine"))
                .when().post("/v1/webhooks").then().statusCode(400);
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("gracePeriodSeconds", 8 * 86400))
                .when().post("/v1/webhooks:rotateStorySecret").then().statusCode(400).body("errors[0].field", equalTo("gracePeriod"));
    }

    @Test
    void submissionOptionsAreValidatedAndReachEnrichment() {
        String writer = token("wh-api-options", Roles.STORY_WRITER);
        record Bad(Map<String, Object> body, String field, int status) {
        }
        for (Bad bad : List.of(new Bad(Map.of("text", "Orion.", "seed", -1), "seed", 400),
                new Bad(Map.of("text", "Orion.", "seed", 4294967296L), "seed", 400),
                new Bad(Map.of("text", "Orion.", "targetSeconds", 3), "targetSeconds", 400),
                new Bad(Map.of("text", "Orion.", "targetSeconds", 301), "targetSeconds", 400),
                new Bad(Map.of("text", "Orion.", "webhookUrl", "https://192.168.0.10/hook"), "webhookUrl", 400),
                new Bad(Map.of("text", "Orion.", "webhookUrl", "gopher://example.com/"), "webhookUrl", 400),
                // Well-formed, but the tenant has nothing to sign story webhooks with yet.
                new Bad(Map.of("text", "Orion.", "webhookUrl", RECEIVER), "webhookUrl", 422))) {
            given().auth().oauth2(writer).contentType(ContentType.JSON).body(bad.body()).when().post("/v1/stories")
                    .then().statusCode(bad.status()).body("errors[0].field", equalTo(bad.field()));
        }
        String id = given().auth().oauth2(writer).contentType(ContentType.JSON)
                .body(Map.of("text", "猎户座在冬夜的原野上狩猎。", "seed", 4294967295L, "targetSeconds", 40)).when().post("/v1/stories")
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(WAIT).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, id).isEmpty());
        EnrichStoryCommand command = sent.parsed(Queues.ENRICHMENT_REQUESTS, id, EnrichStoryCommand::parseFrom).get(0);
        assertThat(command.hasSeed()).isTrue();
        assertThat(Integer.toUnsignedLong(command.getSeed())).isEqualTo(4294967295L);
        assertThat(command.getOptions().getTargetSeconds()).isEqualTo(40);

        String plain = Stories.submit(writer, "Orion hunts.");
        Awaitility.await().atMost(WAIT).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, plain).isEmpty());
        EnrichStoryCommand unseeded = sent.parsed(Queues.ENRICHMENT_REQUESTS, plain, EnrichStoryCommand::parseFrom).get(0);
        assertThat(unseeded.hasSeed()).isFalse();
        assertThat(unseeded.getOptions().getTargetSeconds()).isZero();
    }

    @Test
    void grpcRefusesBadTargetsNamingTheFieldAndHidesOtherTenantsEndpoints() {
        WebhookService writer = as(webhooks, "wh-grpc-a", Roles.STORY_WRITER);
        StatusRuntimeException bad = failure(() -> writer.createWebhook(CreateWebhookRequest.newBuilder()
                .setWebhook(Webhook.newBuilder().setUrl("https://172.20.0.1/x")).build()).await().atMost(WAIT));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(bad)).containsExactly("url");

        String id = writer.createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder().setUrl(RECEIVER)).build())
                .await().atMost(WAIT).getWebhook().getId();
        assertThat(as(webhooks, "wh-grpc-a", Roles.STORY_READER).getWebhook(GetWebhookRequest.newBuilder().setWebhookId(id).build())
                .await().atMost(WAIT).getWebhook().getUrl()).isEqualTo(RECEIVER);
        assertThat(failure(() -> as(webhooks, "wh-grpc-b", Roles.STORY_WRITER).getWebhook(GetWebhookRequest.newBuilder().setWebhookId(id).build())
                .await().atMost(WAIT)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> as(webhooks, "wh-grpc-b", Roles.STORY_WRITER).listWebhookDeliveries(ListWebhookDeliveriesRequest.newBuilder()
                .setWebhookId(id).build()).await().atMost(WAIT)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> as(webhooks, "wh-grpc-a", Roles.STORY_READER).createWebhook(CreateWebhookRequest.newBuilder()
                .setWebhook(Webhook.newBuilder().setUrl(RECEIVER)).build()).await().atMost(WAIT)).getStatus().getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        StatusRuntimeException badStory = failure(() -> as(stories, "wh-grpc-a", Roles.STORY_WRITER).submitStory(SubmitStoryRequest.newBuilder()
                .setText("Orion.").setWebhookUrl("https://[fd00:ec2::254]/").setTargetSeconds(1000).build()).await().atMost(WAIT));
        assertThat(badStory.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(badStory)).containsExactly("target_seconds");
        StatusRuntimeException ssrf = failure(() -> as(stories, "wh-grpc-a", Roles.STORY_WRITER).submitStory(SubmitStoryRequest.newBuilder()
                .setText("Orion.").setWebhookUrl("https://[fd00:ec2::254]/").build()).await().atMost(WAIT));
        assertThat(violatedFields(ssrf)).containsExactly("webhook_url");
    }

    private static <T> T as(T client, String tenant, String... roles) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token(tenant, roles));
        return GrpcClientUtils.attachHeaders(client, headers);
    }

    private static StatusRuntimeException failure(Supplier<?> call) {
        Throwable thrown = catchThrowable(call::get);
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) thrown;
    }

    private static List<String> violatedFields(StatusRuntimeException error) {
        try {
            return StatusProto.fromThrowable(error).getDetailsList().get(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                    .map(BadRequest.FieldViolation::getField).toList();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
