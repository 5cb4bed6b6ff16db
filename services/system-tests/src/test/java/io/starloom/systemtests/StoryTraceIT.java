package io.starloom.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * One story, one trace, across the whole mesh with tracing on: the five service processes export their spans
 * over OTLP/HTTP (protobuf) to a collector stub in this JVM, and every span of the story's trace id is
 * looked at. The trace begins with the caller's traceparent on the REST call and must hold the scheduler's
 * server span, its sends over AMQP (the outbox relay), and spans of enrichment, moderation, the inference
 * worker and postprocess, all under that one trace id.
 */
class StoryTraceIT {
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String CALLER_SPAN = "eee19b7ec3c1b174";
    private static final List<SpanRecord> SPANS = new CopyOnWriteArrayList<>();
    private static HttpServer collector;
    private static Mesh mesh;

    /** What this test reads of an OTLP span (opentelemetry/proto/trace/v1/trace.proto). */
    record SpanRecord(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
        static final int SERVER = 2;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    @BeforeAll
    static void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", StoryTraceIT::export);
        collector.start();
        mesh = Mesh.startNew("mesh-traces", Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
    }

    @AfterAll
    static void stop() {
        if (mesh != null) {
            mesh.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneStorysTraceCoversEveryStage() {
        StoryApi api = new StoryApi(mesh, "trace-tenant");
        String id = given().baseUri(api.baseUrl()).auth().oauth2(api.token()).contentType(ContentType.JSON)
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .body(Map.of("text", "Orion hunts across the winter sky. The Scorpion rises and Orion sets in the west."))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(6));
        assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");

        // The last spans (postprocess' answer, the scheduler's handling of it) leave with the next export.
        Set<String> stages = Set.of("scheduler", "enrichment", "moderation", "inference-worker", "postprocess");
        Awaitility.await("spans of every service in trace " + TRACE_ID).atMost(Duration.ofSeconds(30))
                .until(() -> ofTrace().stream().map(SpanRecord::service).collect(Collectors.toSet()).containsAll(stages));
        List<SpanRecord> trace = ofTrace();
        assertThat(SPANS).as("spans of other traces exist too (start-up, health)").isNotEmpty();
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
                    .anySatisfy(s -> assertThat(s.service()).isEqualTo(stage));
        }
        // Every span of the trace hangs off another span of it, or off the caller's.
        Set<String> known = trace.stream().map(SpanRecord::spanId).collect(Collectors.toSet());
        assertThat(trace).allSatisfy(s -> assertThat(known.contains(s.parentSpanId()) || s.parentSpanId().equals(CALLER_SPAN))
                .as("parent of %s", s).isTrue());
    }

    private static List<SpanRecord> ofTrace() {
        return SPANS.stream().filter(s -> s.traceId().equals(TRACE_ID)).toList();
    }

    private static String summary(List<SpanRecord> trace) {
        return trace.stream().map(s -> s.service() + ":" + s.name() + "/" + s.kind()).sorted().collect(Collectors.joining(", "));
    }

    /** POST /v1/traces: an ExportTraceServiceRequest, answered with an empty ExportTraceServiceResponse. */
    private static void export(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
            }
            SPANS.addAll(decode(bytes));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
        } catch (InvalidProtocolBufferException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    /**
     * Decodes the fields of OTLP's trace protos this test needs, by their field numbers: ExportTraceServiceRequest
     * 1 resource_spans; ResourceSpans 1 resource, 2 scope_spans; Resource 1 attributes (KeyValue 1 key, 2 value:
     * AnyValue 1 string_value); ScopeSpans 2 spans; Span 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind.
     */
    static List<SpanRecord> decode(byte[] request) throws InvalidProtocolBufferException {
        List<SpanRecord> spans = new java.util.ArrayList<>();
        for (ByteString resourceSpans : UnknownFieldSet.parseFrom(request).getField(1).getLengthDelimitedList()) {
            UnknownFieldSet rs = UnknownFieldSet.parseFrom(resourceSpans);
            String service = "";
            for (ByteString resource : rs.getField(1).getLengthDelimitedList()) {
                for (ByteString attribute : UnknownFieldSet.parseFrom(resource).getField(1).getLengthDelimitedList()) {
                    UnknownFieldSet kv = UnknownFieldSet.parseFrom(attribute);
                    if (string(kv, 1).equals("service.name") && !kv.getField(2).getLengthDelimitedList().isEmpty()) {
                        service = string(UnknownFieldSet.parseFrom(kv.getField(2).getLengthDelimitedList().get(0)), 1);
                    }
                }
            }
            for (ByteString scopeSpans : rs.getField(2).getLengthDelimitedList()) {
                for (ByteString span : UnknownFieldSet.parseFrom(scopeSpans).getField(2).getLengthDelimitedList()) {
                    UnknownFieldSet s = UnknownFieldSet.parseFrom(span);
                    List<Long> kind = s.getField(6).getVarintList();
                    spans.add(new SpanRecord(service, hex(s, 1), hex(s, 2), hex(s, 4), string(s, 5), kind.isEmpty() ? 0 : kind.get(0).intValue()));
                }
            }
        }
        return spans;
    }

    private static String string(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static String hex(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
    }
}
