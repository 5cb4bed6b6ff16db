package io.starloom.systemtests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP (protobuf) trace collector in the test JVM, which the shared {@link Mesh}'s services export their
 * spans to, so that a test can look at the spans of its own trace. Started with the shared mesh, stopped when
 * the JVM exits.
 */
final class TraceCollector {
    private static TraceCollector instance;

    private final HttpServer server;
    private final List<SpanRecord> spans = new CopyOnWriteArrayList<>();

    /** What a test reads of an OTLP span (opentelemetry/proto/trace/v1/trace.proto). */
    record SpanRecord(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
        static final int SERVER = 2;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    private TraceCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::export);
        server.start();
    }

    static synchronized TraceCollector shared() {
        if (instance == null) {
            try {
                instance = new TraceCollector();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.server.stop(0)));
        }
        return instance;
    }

    /** The settings that make a service export its spans here, quickly. */
    Map<String, String> serviceEnv() {
        return Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    }

    List<SpanRecord> spans() {
        return List.copyOf(spans);
    }

    List<SpanRecord> ofTrace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** POST /v1/traces: an ExportTraceServiceRequest, answered with an empty ExportTraceServiceResponse. */
    private void export(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            }
            spans.addAll(decode(bytes));
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
        List<SpanRecord> spans = new ArrayList<>();
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
