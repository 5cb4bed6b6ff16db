package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Grafana dashboard and the alert rules in deploy/observability read only metrics that exist: the mesh's
 * own (found as Micrometer names in the services' code), Quarkus' standard ones, and KEDA's. That the scheduler
 * really exports its own under these names, scraped after a story, is checked by the scheduler's PipelineMetricsTest.
 */
class ObservabilityFilesTest {
    private static final Set<String> STANDARD = Set.of("up", "http_server_requests_seconds_count", "jvm_memory_used_bytes",
            "process_cpu_usage", "keda_scaler_metrics_value");
    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(?:\\{|\\[)");

    @Test
    void dashboardPanelsQueryKnownMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Manifests.deployDirectory().resolve("observability/grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
        });
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        assertKnownMetrics(expressions);
    }

    @Test
    void everyAlertHasASeverityASummaryAndKnownMetrics() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Manifests.deployDirectory().resolve("observability/prometheus-rules.yaml").toFile());
        List<String> expressions = new ArrayList<>();
        rules.get("groups").forEach(group -> group.get("rules").forEach(rule -> {
            String name = rule.get("alert").asText();
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning", "info");
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(rule.path("for").asText()).as(name).matches("\\d+[smh]");
            expressions.add(rule.get("expr").asText());
        }));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
        assertKnownMetrics(expressions);
    }

    private static void assertKnownMetrics(List<String> expressions) throws IOException {
        Set<String> functionsAndKeywords = Set.of("sum", "rate", "increase", "max", "avg", "count", "avg_over_time", "clamp_min",
                "histogram_quantile", "by", "and");
        Set<String> meshMetrics = micrometerNamesInServices();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                String name = m.group(1);
                if (functionsAndKeywords.contains(name)) {
                    continue;
                }
                String base = name.replaceAll("_(seconds_count|seconds_sum|seconds_max|seconds_bucket|total)$", "");
                assertThat(STANDARD.contains(name) || meshMetrics.contains(base)).as("metric %s in %s", name, expression).isTrue();
            }
        }
    }

    /** Micrometer meter names the services register ("starloom.worker.busy" is starloom_worker_busy in Prometheus). */
    private static Set<String> micrometerNamesInServices() throws IOException {
        Pattern meter = Pattern.compile("(?:Timer|Gauge|MultiGauge|Counter|FunctionCounter)\\.builder\\(\"(starloom\\.[a-z.]+)\"");
        Path services = Manifests.deployDirectory().resolveSibling("services");
        try (Stream<Path> files = Files.walk(services)) {
            return files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .flatMap(f -> meter.matcher(Manifests.read(f)).results().map(r -> r.group(1).replace('.', '_')))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
