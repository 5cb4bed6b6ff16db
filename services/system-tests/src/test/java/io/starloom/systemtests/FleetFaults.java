package io.starloom.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import com.google.protobuf.InvalidProtocolBufferException;

import io.restassured.http.ContentType;
import io.starloom.contracts.Queues;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.mesh.v1.GenerateShotCommand;

/**
 * Faults against a scheduler fleet: a second scheduler replica on the mesh's database and broker, and inference
 * workers with the {@code sim} backend serving a profile of their own (480p), so that what is killed here
 * holds only this run's shots. What happened is read back from where it is recorded: the scheduler's tables
 * (shots, and every command it ever sent, kept in its outbox) and the workers' logs.
 */
final class FleetFaults implements AutoCloseable {
    /** The extra replica; the mesh's own "scheduler" is the other one, and stays up for the other tests. */
    static final String REPLICA = "scheduler-b";
    static final String RESOLUTION = "480p";
    static final String PROFILE = "wan2.2-t2v-a14b-480p";
    private static final Pattern RENDERED = Pattern.compile("story (\\S+) shot (\\d+) attempt (\\d+): sim rendered");
    private static final Pattern STARTED = Pattern.compile("story (\\S+) shot (\\d+) attempt (\\d+): started");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern LEASE_LOST = Pattern.compile("story (\\S+) shot (\\d+) attempt (\\d+) lost its lease");
    private static final List<String> TEXTS = List.of(
            "Cassiopeia sits on her throne. She looks down at the northern sea.",
            "织女星在银河西岸织锦。牵牛星在东岸望着她。",
            "Orion the hunter walks across the winter sky. His dog Sirius follows him.",
            "牵牛星挑着担子。喜鹊在银河上搭起了桥。",
            "Andromeda waits on the rocks by the sea. Perseus flies to her on a winged horse.");

    private final Mesh mesh;
    private final List<String> workers = new ArrayList<>();

    FleetFaults(Mesh mesh) {
        this.mesh = mesh;
    }

    /** Starts the second replica and {@code count} sim workers, each rendering a shot in {@code renderTime}. */
    FleetFaults start(int count, Duration renderTime) {
        List<Mesh.Launch> launches = new ArrayList<>(List.of(new Mesh.Launch(REPLICA, "scheduler", Map.of())));
        for (int i = 1; i <= count; i++) {
            launches.add(worker("sim-worker-" + i, renderTime));
        }
        mesh.startAll(launches);
        return this;
    }

    /** Starts a sim worker (again, after a kill: it keeps its name and appends to its log). */
    void startWorker(String name, Duration renderTime) {
        mesh.startAll(List.of(worker(name, renderTime)));
    }

    private Mesh.Launch worker(String name, Duration renderTime) {
        if (!workers.contains(name)) {
            workers.add(name);
        }
        // Its own id: the scheduler counts a profile's free GPUs by worker id, and all run on this host.
        return new Mesh.Launch(name, "inference-worker", Map.of("STARLOOM_WORKER_BACKEND", "sim", "STARLOOM_WORKER_PROFILE", PROFILE,
                "STARLOOM_WORKER_ID", name, "STARLOOM_WORKER_SIM_RENDER_TIME", renderTime.toMillis() + "ms"));
    }

    List<String> workers() {
        return List.copyOf(workers);
    }

    /** Story {@code n} of a run: short stories in both languages, two sentences each. */
    static String text(int n) {
        return TEXTS.get(n % TEXTS.size());
    }

    /** Submits a story to one replica (its base URL) as {@code tenant}; answers its id. */
    String submit(String baseUrl, String tenant, String text) {
        String token = mesh.writerToken(tenant);
        String[] id = new String[1];
        // A replica accepts the profile once a sim worker's heartbeat has reached it (422 on resolution until then).
        Awaitility.await("a replica that knows the sim workers' profile").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var answer = given().baseUri(baseUrl).auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Map.of("text", text, "resolution", RESOLUTION)).when().post("/v1/stories").then().extract();
                    assertThat(answer.statusCode()).as(answer.body().asString()).isIn(202, 422);
                    id[0] = answer.statusCode() == 202 ? answer.path("id") : null;
                    return id[0] != null;
                });
        return id[0];
    }

    /** The name of a sim worker that holds a shot right now, waiting up to {@code within} for one. */
    String busyWorker(Collection<String> stories, Duration within) {
        String[] found = new String[1];
        Awaitility.await("a sim worker rendering one of the run's shots").atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    found[0] = query("SELECT worker_id FROM shot WHERE state = 'RUNNING' AND worker_id LIKE 'sim-worker-%' AND story_id IN ("
                            + inList(stories) + ") LIMIT 1", rs -> rs.getString(1)).stream().findFirst().orElse(null);
                    return found[0] != null;
                });
        return found[0];
    }

    /** A worker frozen while it renders an attempt. */
    record Stall(String worker, String story, int shot, int attempt) {
    }

    /**
     * Freezes (SIGSTOP) a sim worker that is rendering one of the stories' shots, and answers which attempt it holds.
     * A worker whose result was already on its way when it froze (the shot ends anyway) is let go and another tried.
     */
    Stall stallMidShot(Collection<String> stories, Duration within) {
        Stall[] stall = new Stall[1];
        Awaitility.await("a sim worker frozen mid-shot").atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            Stall running = query("SELECT worker_id, CAST(story_id AS text), shot_index, attempt FROM shot WHERE state = 'RUNNING'"
                    + " AND worker_id LIKE 'sim-worker-%' AND story_id IN (" + inList(stories) + ") LIMIT 1",
                    rs -> new Stall(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4))).stream().findFirst().orElse(null);
            if (running == null || !mesh.running(running.worker())) {
                return false;
            }
            mesh.stall(running.worker());
            // Long enough for a result sent just before the freeze to be recorded.
            Mesh.sleep(1500);
            ShotRow now = shot(running.story(), running.shot());
            if (now.state().equals("RUNNING") && now.attempt() == running.attempt() && running.worker().equals(now.worker())) {
                stall[0] = running;
                return true;
            }
            mesh.resume(running.worker());
            return false;
        });
        return stall[0];
    }

    /** One shot as the scheduler's table has it. */
    record ShotRow(String state, int attempt, String worker, String clipUri) {
    }

    ShotRow shot(String story, int index) {
        return query("SELECT state, attempt, worker_id, clip_uri FROM shot WHERE story_id = '" + UUID.fromString(story) + "'::uuid AND shot_index = "
                + index, rs -> new ShotRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4))).get(0);
    }

    /** When each attempt of a shot was dispatched (its GenerateShotCommand written to the outbox), by attempt. */
    Map<Integer, Instant> dispatchTimes(String story, int index) {
        Map<Integer, Instant> times = new TreeMap<>();
        query("SELECT payload, created_at FROM outbox WHERE story_id = '" + UUID.fromString(story) + "'::uuid AND type LIKE '%GenerateShotCommand'", rs -> {
            GenerateShotCommand command = parse(() -> GenerateShotCommand.parseFrom(rs.getBytes(1)));
            if (command.getShotIndex() == index) {
                times.put(command.getAttempt(), rs.getTimestamp(2).toInstant());
            }
            return null;
        });
        return times;
    }

    /** Attempts ({@code story/shot#attempt}) of the stories that some replica reported as having lost their lease, from their logs. */
    Set<String> leaseExpiries(Collection<String> stories) {
        return Set.copyOf(matches(List.of("scheduler", REPLICA), LEASE_LOST, Set.copyOf(stories)).keySet());
    }

    /** When each lease expiry was first reported (a second replica's report of the same attempt is no new one). */
    List<Instant> leaseExpiryTimes(Collection<String> stories) {
        return matches(List.of("scheduler", REPLICA), LEASE_LOST, Set.copyOf(stories)).values().stream().map(times -> times.get(0)).toList();
    }

    /** When a worker took a command of an attempt already taken before (a redelivery): every start after an attempt's first. */
    List<Instant> redeliveryTimes(Collection<String> stories) {
        return matches(workers, STARTED, Set.copyOf(stories)).values().stream().flatMap(times -> times.stream().skip(1)).toList();
    }

    /** When each attempt beyond a shot's first was dispatched (its command written). */
    List<Instant> retryTimes(Collection<String> stories) {
        List<Instant> times = new ArrayList<>();
        query("SELECT payload, created_at FROM outbox WHERE story_id IN (" + inList(stories) + ") AND type LIKE '%GenerateShotCommand'", rs -> {
            if (parse(() -> GenerateShotCommand.parseFrom(rs.getBytes(1))).getAttempt() > 1) {
                times.add(rs.getTimestamp(2).toInstant());
            }
            return null;
        });
        return times;
    }

    /**
     * Lines of the processes' logs that match {@code pattern} (story, shot, attempt), by {@code story/shot#attempt}: the
     * times the lines were logged, in order (Quarkus' log lines start with the local date and time).
     */
    private Map<String, List<Instant>> matches(List<String> processes, Pattern pattern, Set<String> stories) {
        Map<String, List<Instant>> found = new HashMap<>();
        for (String process : processes) {
            if (!Files.exists(mesh.log(process))) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(mesh.log(process))) {
                    Matcher m = pattern.matcher(line);
                    if (m.find() && stories.contains(m.group(1))) {
                        found.computeIfAbsent(m.group(1) + "/" + m.group(2) + "#" + m.group(3), ignored -> new ArrayList<>()).add(logTime(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        found.values().forEach(times -> times.sort(null));
        return found;
    }

    private static Instant logTime(String line) {
        return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    /** Waits until at least {@code count} of the stories' shots were dispatched. */
    void awaitDispatched(Collection<String> stories, int count, Duration within) {
        Awaitility.await(count + " shots dispatched").atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> query("SELECT count(*) FROM shot WHERE state IN ('DISPATCHED', 'RUNNING', 'GENERATED', 'SCREENED') AND story_id IN ("
                        + inList(stories) + ")", rs -> rs.getInt(1)).get(0) >= count);
    }

    /** Waits until every story is in a final state, as the database has it; answers the states by story. */
    Map<String, String> awaitFinal(Collection<String> stories, Duration within) {
        Map<String, String> states = new HashMap<>();
        Awaitility.await(stories.size() + " stories to end").atMost(within).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    states.clear();
                    query("SELECT id, state FROM story WHERE id IN (" + inList(stories) + ")",
                            rs -> states.put(rs.getString(1), rs.getString(2)));
                    return states.size() == stories.size() && states.values().stream().allMatch(StoryApi.FINAL_STATES::contains);
                });
        return Map.copyOf(states);
    }

    /**
     * What the stories' records say about their shots. Every GenerateShotCommand and AssembleFilmCommand the
     * replicas wrote is still in the outbox (published rows are kept), so dispatches and assemblies can be counted.
     */
    Audit audit(Collection<String> stories) {
        Map<String, Set<Integer>> shotIndexes = new HashMap<>();
        Map<String, Integer> finalAttempt = new HashMap<>();
        List<String> unfinishedShots = new ArrayList<>();
        query("SELECT story_id, shot_index, state, attempt FROM shot WHERE story_id IN (" + inList(stories) + ")", rs -> {
            String story = rs.getString(1);
            shotIndexes.computeIfAbsent(story, ignored -> new TreeSet<>()).add(rs.getInt(2));
            finalAttempt.put(story + "/" + rs.getInt(2), rs.getInt(4));
            if (!Set.of("GENERATED", "SCREENED").contains(rs.getString(3))) {
                unfinishedShots.add(story + "/" + rs.getInt(2) + " " + rs.getString(3));
            }
            return null;
        });
        Map<String, Integer> dispatches = new HashMap<>();
        Map<String, Set<Integer>> attemptsByShot = new HashMap<>();
        Map<String, List<List<Integer>>> assemblies = new HashMap<>();
        Map<String, String> filmClips = new HashMap<>();
        query("SELECT destination, type, payload FROM outbox WHERE story_id IN (" + inList(stories) + ")", rs -> {
            String destination = rs.getString(1);
            if (destination.startsWith(Queues.GENERATION_PREFIX) && rs.getString(2).endsWith("GenerateShotCommand")) {
                GenerateShotCommand command = parse(() -> GenerateShotCommand.parseFrom(rs.getBytes(3)));
                String shot = command.getStoryId() + "/" + command.getShotIndex();
                dispatches.merge(shot + "#" + command.getAttempt(), 1, Integer::sum);
                attemptsByShot.computeIfAbsent(shot, ignored -> new TreeSet<>()).add(command.getAttempt());
            } else if (destination.equals(Queues.POSTPROCESS_REQUESTS) && rs.getString(2).endsWith("AssembleFilmCommand")) {
                AssembleFilmCommand command = parse(() -> AssembleFilmCommand.parseFrom(rs.getBytes(3)));
                assemblies.computeIfAbsent(command.getStoryId(), ignored -> new ArrayList<>())
                        .add(command.getClipsList().stream().map(ClipRef::getShotIndex).toList());
                command.getClipsList().forEach(clip -> filmClips.put(command.getStoryId() + "/" + clip.getShotIndex(), clip.getUri()));
            }
            return null;
        });
        List<String> doubleDispatched = dispatches.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        // Each attempt of a shot is dispatched once, numbered 1, 2, … up to the attempt the shot ended with.
        List<String> attemptGaps = new ArrayList<>();
        finalAttempt.forEach((shot, attempt) -> {
            Set<Integer> sent = attemptsByShot.getOrDefault(shot, Set.of());
            Set<Integer> expected = new TreeSet<>();
            for (int a = 1; a <= attempt; a++) {
                expected.add(a);
            }
            if (!sent.equals(expected)) {
                attemptGaps.add(shot + " ended at attempt " + attempt + " but attempts " + sent + " were dispatched");
            }
        });
        // A film holds each of its story's shots exactly once, and is assembled once.
        List<String> duplicatedShots = new ArrayList<>();
        List<String> lostShots = new ArrayList<>();
        List<String> assembledTwice = new ArrayList<>();
        for (String story : stories) {
            List<List<Integer>> films = assemblies.getOrDefault(story, List.of());
            if (films.size() > 1) {
                assembledTwice.add(story + " x" + films.size());
            }
            for (List<Integer> clips : films) {
                Set<Integer> seen = new HashSet<>();
                clips.stream().filter(index -> !seen.add(index)).forEach(index -> duplicatedShots.add(story + "/" + index));
                shotIndexes.getOrDefault(story, Set.of()).stream().filter(index -> !seen.contains(index))
                        .forEach(index -> lostShots.add(story + "/" + index));
            }
        }
        int retries = finalAttempt.values().stream().mapToInt(attempt -> attempt - 1).sum();
        Map<String, Integer> renders = renders(Set.copyOf(stories));
        List<String> renderedTwice = renders.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        return new Audit(shotIndexes.values().stream().mapToInt(Set::size).sum(), unfinishedShots, doubleDispatched, attemptGaps,
                duplicatedShots, lostShots, assembledTwice, retries, renderedTwice, Map.copyOf(filmClips));
    }

    /** How often a sim worker rendered each attempt ({@code story/shot#attempt}), from every sim worker's log. */
    private Map<String, Integer> renders(Set<String> stories) {
        Map<String, Integer> renders = new HashMap<>();
        matches(workers, RENDERED, stories).forEach((attempt, times) -> renders.put(attempt, times.size()));
        return renders;
    }

    /**
     * @param shots the stories' shots
     * @param unfinishedShots shots in a state other than generated (or screened)
     * @param doubleDispatched attempts whose command was written more than once
     * @param attemptGaps shots whose dispatched attempts are not exactly 1..the final one
     * @param duplicatedShots shots that appear more than once in a film
     * @param lostShots shots missing from their film
     * @param assembledTwice stories whose film was ordered more than once
     * @param retries attempts beyond the first, over all shots
     * @param renderedTwice attempts a worker rendered more than once (a redelivered command whose clip was not there yet)
     * @param filmClips the clip each film was ordered with, by {@code story/shot}
     */
    record Audit(int shots, List<String> unfinishedShots, List<String> doubleDispatched, List<String> attemptGaps,
            List<String> duplicatedShots, List<String> lostShots, List<String> assembledTwice, int retries, List<String> renderedTwice,
            Map<String, String> filmClips) {
    }

    @Override
    public void close() {
        mesh.kill(REPLICA);
        workers.forEach(mesh::kill);
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row) {
        Map<String, String> env = mesh.stack().env();
        try (Connection connection = DriverManager.getConnection(env.get("STARLOOM_DB_JDBC_URL"), env.get("STARLOOM_DB_USERNAME"),
                env.get("STARLOOM_DB_PASSWORD")); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String inList(Collection<String> ids) {
        // Ids are UUIDs the scheduler answered; cast so that anything else fails instead of matching.
        return ids.stream().map(id -> "'" + UUID.fromString(id) + "'::uuid").reduce((a, b) -> a + "," + b).orElse("NULL");
    }

    interface Parse<T> {
        T parse() throws InvalidProtocolBufferException, SQLException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException | SQLException e) {
            throw new IllegalStateException("an outbox row that is not its type", e);
        }
    }
}
