package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.mesh.v1.ShotFailed;
import io.starloom.mesh.v1.ShotFailureKind;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.ShotStarted;
import io.starloom.mesh.v1.StageFailed;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.mesh.v1.WorkerHeartbeat;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Verdict;
import io.starloom.proto.v1.VideoFormat;

/**
 * The scheduler's metrics as Prometheus scrapes them from /q/metrics, while one story renders and after it
 * completes: shots by profile, the profile's busy workers, shot seconds as a histogram, failures by reason and
 * stories by status. The dashboard and alert rules in deploy/observability ask only for scheduler metrics
 * that this scrape really holds. The database is shared with the other tests, so totals are compared before
 * and after, and this test's own profile, backend and reasons keep its series apart.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class PipelineMetricsTest {
    private static final String PROFILE = "wan2.2-metrics-probe";
    private static final String BACKEND = "metrics-probe";
    private static final String WORKER = "metrics-worker-1";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");

    private final String token = Stories.token("metrics", Roles.STORY_WRITER);

    @Test
    void aStoryShowsUpInTheMetricsWhileItRendersAndAfterItCompletes() {
        heartbeat();
        double completedBefore = value(scrape(), "starloom_scheduler_stories", "state=\"COMPLETED\"");
        String id = submit("Orion rises over the sea.");
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(2))));
        awaitState(token, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
        awaitState(token, id, "QUEUED");

        // Two shots wait (planned or on the profile's queue); then the one worker takes the first: the profile is fully busy.
        awaitMetrics(m -> value(m, "starloom_scheduler_generation_shots", profile()) == 2
                && value(m, "starloom_scheduler_generation_shots", profile(), "state=\"RUNNING\"") == 0
                && value(m, "starloom_scheduler_stage_stories", "stage=\"generate\"") >= 1);
        send(id, StoryEvent.newBuilder().setShotStarted(ShotStarted.newBuilder().setShotIndex(0).setAttempt(1).setWorkerId(WORKER).setBackend(BACKEND)));
        awaitState(token, id, "GENERATING");
        awaitMetrics(m -> value(m, "starloom_scheduler_generation_shots", profile(), "state=\"RUNNING\"") == 1
                && value(m, "starloom_scheduler_workers", profile()) == 1
                && value(m, "starloom_scheduler_workers_busy", profile()) == 1.0);

        send(id, StoryEvent.newBuilder().setShotGenerated(generated(0, 1, 42)));
        // The one worker is free again: the second shot is dispatched to it (a worker reports only dispatched attempts).
        awaitShotDispatched(id, 1, 1);
        // The second shot fails once (a retryable reason, counted by reason) and renders on its second attempt.
        send(id, StoryEvent.newBuilder().setShotFailed(ShotFailed.newBuilder().setShotIndex(1).setAttempt(1).setRetryable(true)
                .setKind(ShotFailureKind.SHOT_FAILURE_KIND_RETRYABLE).setFailure(Failure.newBuilder().setReason("METRICS_PROBE_OOM"))));
        awaitMetrics(m -> value(m, "starloom_scheduler_shot_failures_total", profile(), "reason=\"METRICS_PROBE_OOM\"") == 1);
        awaitShotDispatched(id, 1, 2);
        send(id, StoryEvent.newBuilder().setShotGenerated(generated(1, 2, 300)));
        awaitState(token, id, "ASSEMBLING");
        send(id, StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder().setFilm(Film.newBuilder().setVideoUri("file:///m/film.mp4"))));
        awaitState(token, id, "COMPLETED");

        Map<String, Double> metrics = awaitMetrics(m -> value(m, "starloom_scheduler_stories", "state=\"COMPLETED\"") >= completedBefore + 1
                && value(m, "starloom_scheduler_generation_shots", profile(), "state=\"RUNNING\"") == 0);
        String shots = "backend=\"" + BACKEND + "\"";
        assertThat(value(metrics, "starloom_scheduler_shots_seconds_count", profile(), shots)).isEqualTo(2);
        assertThat(value(metrics, "starloom_scheduler_shots_seconds_sum", profile(), shots)).isEqualTo(342);
        // A histogram: the 42 s shot is at or below a bucket bound that the 300 s one is above.
        assertThat(metrics.keySet()).filteredOn(k -> k.startsWith("starloom_scheduler_shots_seconds_bucket{") && k.contains(PROFILE))
                .anySatisfy(bucket -> {
                    double le = Double.parseDouble(bucket.replaceAll(".*le=\"([^\"]+)\".*", "$1"));
                    assertThat(le).isBetween(42.0, 300.0);
                    assertThat(metrics.get(bucket)).isEqualTo(1);
                });
        assertThat(value(metrics, "starloom_scheduler_workers_busy", profile())).isZero();
    }

    @Test
    void aFailedStoryIsCountedByItsReason() {
        String reason = "METRICS_PROBE_BROKEN";
        double before = value(scrape(), "starloom_scheduler_failures_total", "reason=\"" + reason + "\"");
        String id = Stories.submit(token, "The Pleiades weep.");
        send(id, StoryEvent.newBuilder().setStageFailed(StageFailed.newBuilder().setStage("enrichment")
                .setFailure(Failure.newBuilder().setReason(reason).setDomain("enrichment.starloom.dev"))));
        awaitState(token, id, "FAILED");
        awaitMetrics(m -> value(m, "starloom_scheduler_failures_total", "reason=\"" + reason + "\"", "state=\"FAILED\"",
                "domain=\"enrichment.starloom.dev\"") == before + 1);
    }

    @Test
    void theDashboardAndTheAlertsAskOnlyForSchedulerMetricsThatExist() throws IOException {
        Path observability = Path.of("../../deploy/observability");
        String files = Files.readString(observability.resolve("grafana-dashboard.json")) + Files.readString(observability.resolve("prometheus-rules.yaml"));
        Set<String> asked = new TreeSet<>();
        Matcher m = Pattern.compile("\\bstarloom_scheduler_[a-z_]+").matcher(files);
        while (m.find()) {
            asked.add(m.group());
        }
        assertThat(asked).as("the dashboard reads the scheduler's metrics").hasSizeGreaterThanOrEqualTo(5);
        // The gauges exist from the first refresh on; the shot series once a shot was measured (the other test).
        Set<String> exported = new TreeSet<>();
        awaitMetrics(metrics -> {
            metrics.keySet().forEach(k -> exported.add(k.replaceAll("\\{.*", "")));
            return exported.contains("starloom_scheduler_stories");
        });
        Set<String> measuredLater = Set.of("starloom_scheduler_shots_seconds_bucket", "starloom_scheduler_shots_seconds_count",
                "starloom_scheduler_shots_seconds_sum", "starloom_scheduler_shot_failures_total", "starloom_scheduler_failures_total");
        assertThat(asked).allSatisfy(name -> assertThat(exported.contains(name) || measuredLater.contains(name))
                .as("%s is exported by the scheduler (exports: %s)", name, exported).isTrue());
    }

    private static String profile() {
        return "profile=\"" + PROFILE + "\"";
    }

    /** Waits until shot {@code index} is out to a worker on attempt {@code attempt}: shots wait in the database for a free worker. */
    private void awaitShotDispatched(String id, int index, int attempt) {
        org.awaitility.Awaitility.await(id + " shot " + index + " attempt " + attempt + " dispatched").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    io.restassured.path.json.JsonPath story = Stories.get(token, id);
                    return story.getInt("shots[" + index + "].attempt") == attempt && !"QUEUED".equals(story.getString("shots[" + index + "].state"));
                });
    }

    private static ShotGenerated generated(int index, int attempt, int seconds) {
        return ShotGenerated.newBuilder().setShotIndex(index).setAttempt(attempt).setClipUri("file:///m/" + index + ".mp4").setFrameCount(81)
                .setBackend(BACKEND).setRenderDuration(Durations.fromSeconds(seconds)).build();
    }

    private String submit(String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text, "profile", PROFILE))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
    }

    /** The worker announces the probe profile; a long interval keeps it live for the whole test. */
    private void heartbeat() {
        ModelProfile probe = ModelProfile.newBuilder().setName(PROFILE).setFormat(VideoFormat.newBuilder().setWidth(832).setHeight(480).setFps(16))
                .setFrameCount(81).setTypicalShotSeconds(60).setTypicalHardware("H100").build();
        DevStackTestResource.stack().meshSend(Queues.SCHEDULER_WORKERS, WORKER, WorkerHeartbeat.newBuilder().setWorkerId(WORKER)
                .setBackend(BACKEND).addProfiles(probe).setSendTime(Timestamps.fromMillis(Instant.now().toEpochMilli()))
                .setInterval(Durations.fromSeconds(60)).build());
        awaitMetrics(m -> value(m, "starloom_scheduler_workers", profile()) == 1);
    }

    private static Map<String, Double> awaitMetrics(java.util.function.Predicate<Map<String, Double>> condition) {
        @SuppressWarnings("unchecked")
        Map<String, Double>[] last = new Map[1];
        Awaitility.await("metrics").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = scrape();
            return condition.test(last[0]);
        });
        return last[0];
    }

    /** /q/metrics in Prometheus' text format: each series (name and labels) with its value. */
    private static Map<String, Double> scrape() {
        String body = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        body.lines().filter(l -> !l.startsWith("#")).map(SAMPLE::matcher).filter(Matcher::matches)
                .forEach(s -> samples.put(s.group(1) + (s.group(2) == null ? "" : s.group(2)), Double.parseDouble(s.group(3))));
        return samples;
    }

    /** The sum over the series of {@code name} whose labels contain every one of {@code labels}; 0 when none. */
    private static double value(Map<String, Double> metrics, String name, String... labels) {
        return metrics.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> java.util.Arrays.stream(labels).allMatch(e.getKey()::contains)).mapToDouble(Map.Entry::getValue).sum();
    }
}
