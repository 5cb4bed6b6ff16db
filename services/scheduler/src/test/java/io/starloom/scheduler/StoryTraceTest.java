package io.starloom.scheduler;

import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.storyboard;
import static io.starloom.scheduler.Stories.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.support.tracing.TraceContext;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;

/**
 * One story, one trace, with tracing on: a trace the API caller starts (W3C traceparent header) reaches the
 * command the scheduler writes to its outbox and relays over AMQP, and a stage's event that carries its trace
 * passes it on to the next command. Checked on the wire (the traceparent the broker delivers) and in the
 * outbox row; no collector is needed.
 */
@QuarkusTest
@TestProfile(StoryTraceTest.TracingOn.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryTraceTest {
    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String STAGE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** The SDK on, spans exported nowhere: what travels is the trace context itself. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    @Inject
    SentCommands sent;

    @Inject
    IsolatedSessions sessions;

    @Test
    void theCallersTraceFollowsTheStoryThroughTheOutboxAndTheBroker() {
        String token = token("tenant-trace", Roles.STORY_WRITER, Roles.STORY_READER);
        String id = given().auth().oauth2(token).header(TraceContext.TRACEPARENT, "00-" + CALLER_TRACE + "-b7ad6b7169203331-01")
                .contentType(ContentType.JSON).body(Map.of("text", "Orion rises. 猎户座升起。"))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");

        SentCommands.Sent enrich = awaitFirst(Queues.ENRICHMENT_REQUESTS, id);
        assertThat(traceIdOf(enrich.traceparent())).as("the relayed command is in the caller's trace").isEqualTo(CALLER_TRACE);
        List<String> stored = sessions.run(() -> Panache.withSession(() -> OutboxEntity.<OutboxEntity>list("storyId", UUID.fromString(id))
                .map(rows -> rows.stream().map(row -> row.traceparent).toList()))).await().atMost(Duration.ofSeconds(10));
        assertThat(stored).hasSize(1).allSatisfy(traceparent -> assertThat(traceIdOf(traceparent)).isEqualTo(CALLER_TRACE));

        // Enrichment answers within its own continuation of a trace: the next command continues that one.
        DevStackTestResource.stack().brokerSend(Queues.SCHEDULER_EVENTS,
                StoryEvent.newBuilder().setStoryId(id).setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))).build().toByteArray(),
                Map.of("cloudEvents:specversion", "1.0", "cloudEvents:id", UUID.randomUUID().toString(), "cloudEvents:source", "/starloom/enrichment",
                        "cloudEvents:type", "starloom.mesh.v1.StoryEvent", "cloudEvents:subject", id,
                        TraceContext.TRACEPARENT, "00-" + STAGE_TRACE + "-00f067aa0ba902b7-01"));
        awaitState(token, id, "SCREENING");
        assertThat(traceIdOf(awaitFirst(Queues.MODERATION_REQUESTS, id).traceparent())).isEqualTo(STAGE_TRACE);
    }

    private SentCommands.Sent awaitFirst(String queue, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !sent.on(queue, id).isEmpty());
        return sent.on(queue, id).get(0);
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).as("a traceparent").isNotNull().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }
}
