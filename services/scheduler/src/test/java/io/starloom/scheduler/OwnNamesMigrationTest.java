package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;
import io.starloom.scheduler.application.StoryViews;
import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/**
 * The database keeps the scheduler's own names: rows written under V1 (wire names) read back through the
 * entities once V2 has run, and new rows are written under the new names.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class OwnNamesMigrationTest {
    /** A schema of its own, next to the application's, migrated step by step. */
    private static final String SCHEMA = "upgrade_from_v1";
    /** V1 stored these by their wire names (@Enumerated(STRING) on the protobuf enums). */
    private static final Language[] LANGUAGES = { Language.LANGUAGE_ZH, Language.LANGUAGE_EN, Language.LANGUAGE_UNSPECIFIED };
    private static final Style[] STYLES = { Style.STYLE_INK_WASH, Style.STYLE_CINEMATIC, Style.STYLE_PLANETARIUM };
    private static final Resolution[] RESOLUTIONS = { Resolution.RESOLUTION_720P, Resolution.RESOLUTION_480P,
        Resolution.RESOLUTION_UNSPECIFIED };

    /** The application's Flyway: its data source and its migrations. */
    @Inject
    Flyway flyway;

    @Inject
    IsolatedSessions sessions;

    @Test
    void rowsWrittenUnderV1ReadBackThroughTheEntitiesAfterV2() throws SQLException {
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        migrate("1");
        Map<UUID, StoryStatus> stories = new LinkedHashMap<>();
        try (Connection db = connection()) {
            StoryStatus[] statuses = StoryStatus.values();
            for (int i = 0; i < statuses.length; i++) {
                UUID id = UUID.randomUUID();
                insertStory(db, id, "STORY_STATE_" + statuses[i].name(), LANGUAGES[i % 3].name(), STYLES[i % 3].name(),
                        RESOLUTIONS[i % 3].name(),
                        statuses[i].isFinal() && statuses[i] != StoryStatus.COMPLETED ? "SHOT_FAILED" : null);
                stories.put(id, statuses[i]);
            }
            UUID generating = stories.keySet().stream().filter(id -> stories.get(id) == StoryStatus.GENERATING).findFirst().orElseThrow();
            for (ShotStatus shot : ShotStatus.values()) {
                insertShot(db, generating, shot.ordinal(), "SHOT_STATE_" + shot.name());
            }
        }
        assertThat(migrate(null)).as("migrations V2 and later applied").isPositive();

        try (Connection db = connection(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT state, language, style, resolution FROM " + SCHEMA + ".story WHERE state = 'ENRICHING'")) {
            assertThat(rows.next()).isTrue();
            assertThat(List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)))
                    .containsExactly("ENRICHING", "zh", "ink-wash", "720p");
        }
        List<StoryEntity> read = inSchema(() -> StoryEntity.<StoryEntity>listAll());
        assertThat(read).hasSize(stories.size());
        for (StoryEntity story : read) {
            StoryStatus status = stories.get(story.id);
            int i = status.ordinal();
            assertThat(story.state).isEqualTo(status);
            assertThat(story.language).isEqualTo(LANGUAGES[i % 3]);
            assertThat(story.style).isEqualTo(STYLES[i % 3]);
            assertThat(story.resolution).isEqualTo(RESOLUTIONS[i % 3]);
            assertThat(story.failureDomain).isEqualTo(story.failureReason == null ? null : "scheduler.starloom.dev");
            Story view = StoryViews.toStory(story, List.of());
            assertThat(view.getState()).as("what the API shows is unchanged").isEqualTo(StoryState.valueOf("STORY_STATE_" + status.name()));
            if (story.failureReason != null) {
                assertThat(view.getFailure().getDomain()).isEqualTo("scheduler.starloom.dev");
            }
        }
        UUID generating = stories.keySet().stream().filter(id -> stories.get(id) == StoryStatus.GENERATING).findFirst().orElseThrow();
        assertThat(inSchema(() -> ShotEntity.ofStory(generating))).extracting(shot -> shot.state).containsExactly(ShotStatus.values());
    }

    @Test
    void newStoriesAreStoredUnderTheSchedulersOwnNames() throws SQLException {
        String token = Stories.token("names", Roles.STORY_WRITER);
        String chosen = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("text", "织女星停下手中的织机。", "language", "zh", "style", "ink-wash", "resolution", "480p"))
                .when().post("/v1/stories").then().statusCode(202).extract().path("id");
        String defaults = Stories.submit(token, "Vega weaves.");
        send(defaults, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(token, defaults, "SCREENING");

        assertThat(storedStory(chosen)).containsExactly("ENRICHING", "zh", "ink-wash", "480p");
        assertThat(storedStory(defaults)).as("enrichment named the language").containsExactly("SCREENING", "en", "cinematic", "720p");
        try (Connection db = connection(); PreparedStatement query = db.prepareStatement("SELECT state FROM shot WHERE story_id = ?")) {
            query.setObject(1, UUID.fromString(defaults));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("QUEUED");
            }
        }
    }

    /** Migrates the test schema up to {@code target} (null: the latest); returns the number of migrations run. */
    private int migrate(String target) {
        var upgrade = Flyway.configure().configuration(flyway.getConfiguration()).schemas(SCHEMA).defaultSchema(SCHEMA);
        return (target == null ? upgrade : upgrade.target(target)).load().migrate().migrationsExecuted;
    }

    /** Runs entity work on the test schema: SET LOCAL ends with the transaction, before the connection goes back. */
    private <T> T inSchema(Supplier<Uni<T>> work) {
        return sessions.run(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SET LOCAL search_path TO " + SCHEMA).executeUpdate())
                .chain(ignored -> work.get())))
                .await().atMost(Duration.ofSeconds(10));
    }

    private Connection connection() throws SQLException {
        return flyway.getConfiguration().getDataSource().getConnection();
    }

    private List<String> storedStory(String id) throws SQLException {
        try (Connection db = connection();
                PreparedStatement query = db.prepareStatement("SELECT state, language, style, resolution FROM story WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    columns.add(row.getString(i));
                }
                return columns;
            }
        }
    }

    private static void insertStory(Connection db, UUID id, String state, String language, String style, String resolution,
            String failureReason) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + SCHEMA + ".story (id, tenant, state, text, language, style,"
                + " resolution, profile, failure_reason, failure_message, created_at, updated_at) VALUES (?, 'upgrade', ?, 'Orion', ?, ?, ?,"
                + " 'wan2.2-t2v-a14b-720p', ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setObject(1, id);
            insert.setString(2, state);
            insert.setString(3, language);
            insert.setString(4, style);
            insert.setString(5, resolution);
            insert.setString(6, failureReason);
            insert.setString(7, failureReason == null ? null : "written under V1");
            insert.setTimestamp(8, now);
            insert.setTimestamp(9, now);
            insert.executeUpdate();
        }
    }

    private static void insertShot(Connection db, UUID storyId, int index, String state) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + SCHEMA + ".shot (story_id, shot_index, state, attempt,"
                + " narration, duration_ms, updated_at) VALUES (?, ?, ?, 1, 'line', 5000, ?)")) {
            insert.setObject(1, storyId);
            insert.setInt(2, index);
            insert.setString(3, state);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }
}
