package io.starloom.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.systemtests.TraceCollector.SpanRecord;

/**
 * One story, one trace, across the whole mesh: the shared mesh's five service processes export their spans over
 * OTLP/HTTP (protobuf) to {@link TraceCollector} in this JVM, and every span of the story's trace id is looked
 * at. The trace begins with the caller's traceparent on the REST call and must hold the scheduler's server span,
 * its sends over AMQP (the outbox relay), and spans of enrichment, moderation, the inference worker and
 * postprocess, all under that one trace id.
 */
class StoryTraceIT {
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String CALLER_SPAN = "eee19b7ec3c1b174";

    @Test
    void oneStorysTraceCoversEveryStage() {
        StoryApi api = new StoryApi(Mesh.get(), "trace-tenant");
        String id = given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON)
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .body(Map.of("text", "Orion hunts across the winter sky. The Scorpion rises and Orion sets in the west."))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(6));
        assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");

        // The last spans (postprocess' answer, the scheduler's handling of it) leave with the next export.
        TraceCollector collector = TraceCollector.shared();
        Set<String> stages = Set.of("scheduler", "enrichment", "moderation", "inference-worker", "postprocess");
        Awaitility.await("spans of every service in trace " + TRACE_ID).atMost(Duration.ofSeconds(30))
                .until(() -> collector.ofTrace(TRACE_ID).stream().map(SpanRecord::service).collect(Collectors.toSet()).containsAll(stages));
        List<SpanRecord> trace = collector.ofTrace(TRACE_ID);
        assertThat(collector.spans()).as("spans of other traces exist too (start-up, health)").hasSizeGreaterThan(trace.size());
        // REST: the scheduler's server span, a child of the caller's span.
        assertThat(trace).anySatisfy(s -> {
            assertThat(s.service()).isEqualTo("scheduler");
            assertThat(s.kind()).isEqualTo(SpanRecord.SERVER);
            assertThat(s.parentSpanId()).isEqualTo(CALLER_SPAN);
        });
        // Outbox → AMQP: the scheduler sends commands in this trace; every stage receives in it.
        assertThat(trace).anySatisfy(s -> {
            assertThat(s.service()).isEqualTo("scheduler");
            assertThat(s.kind()).isEqualTo(SpanRecord.PRODUCER);
        });
        for (String stage : List.of("enrichment", "moderation", "inference-worker", "postprocess")) {
            assertThat(trace).as("%s works in the story's trace (spans: %s)", stage, summary(trace))
                    .anySatisfy(s -> {
                        assertThat(s.service()).isEqualTo(stage);
                        assertThat(s.kind()).isEqualTo(SpanRecord.CONSUMER);
                    });
        }
        // Every span of the trace hangs off another span of it, or off the caller's.
        Set<String> known = trace.stream().map(SpanRecord::spanId).collect(Collectors.toSet());
        assertThat(trace).allSatisfy(s -> assertThat(known.contains(s.parentSpanId()) || s.parentSpanId().equals(CALLER_SPAN))
                .as("parent of %s", s).isTrue());
    }

    private static String summary(List<SpanRecord> trace) {
        return trace.stream().map(s -> s.service() + ":" + s.name() + "/" + s.kind()).sorted().collect(Collectors.joining(", "));
    }
}
