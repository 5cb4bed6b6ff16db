package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.awaitState;
import static io.starloom.scheduler.Stories.send;
import static io.starloom.scheduler.Stories.storyboard;
import static io.starloom.scheduler.Stories.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.mesh.v1.FilmAssembled;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.ShotGenerated;
import io.starloom.mesh.v1.StoryEnriched;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Evidence;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.GetReviewRequest;
import io.starloom.proto.v1.ListReviewsRequest;
import io.starloom.proto.v1.RejectReviewRequest;
import io.starloom.proto.v1.Review;
import io.starloom.proto.v1.ReviewService;
import io.starloom.proto.v1.ReviewState;
import io.starloom.proto.v1.Severity;
import io.starloom.proto.v1.TextSpan;
import io.starloom.proto.v1.Verdict;

/** The human review queue against the real PostgreSQL and broker: cases, decisions, tenants, roles, audit. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ReviewQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SentCommands sent;

    @Inject
    DataSource dataSource;

    @GrpcClient("reviews")
    ReviewService reviews;

    private ReviewService reviewsAs(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(reviews, headers);
    }

    private static final Finding NUDITY = Finding.newBuilder().setCategory(Category.CATEGORY_NUDITY).setTerm("naked").setStart(21).setEnd(26)
            .setAction(Verdict.VERDICT_REVIEW).setSeverity(Severity.SEVERITY_MEDIUM).setReason("nudity: “naked”").setRule("lexicon")
            .setEvidence(Evidence.newBuilder().setText(TextSpan.newBuilder().setTextIndex(0).setLabel("story").setStart(21).setEnd(26)
                    .setExcerpt("Aphrodite rises naked from the foam")))
            .build();

    /** A story of {@code tenant} that moderation sent to review. */
    private static String inReview(String writer, String text) {
        String id = submit(writer, text);
        send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
        awaitState(writer, id, "SCREENING");
        send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_REVIEW).addFindings(NUDITY)));
        awaitState(writer, id, "IN_REVIEW");
        return id;
    }

    private static JsonPath pending(String reviewer) {
        return given().auth().oauth2(reviewer).queryParam("state", "pending").when().get("/v1/reviews").then().statusCode(200).extract().jsonPath();
    }

    private static String caseOf(String reviewer, String storyId) {
        Awaitility.await().atMost(WAIT).until(() -> pending(reviewer).getList("reviews.storyId", String.class).contains(storyId));
        List<Map<String, Object>> cases = pending(reviewer).getList("reviews");
        return cases.stream().filter(c -> storyId.equals(c.get("storyId"))).map(c -> (String) c.get("id")).findFirst().orElseThrow();
    }

    @Test
    void aReviewCaseCarriesItsEvidenceAndApprovingContinuesTheStory() throws Exception {
        String writer = Stories.token("review-a", Roles.STORY_WRITER);
        String reviewer = Stories.token("review-a", Roles.REVIEWER);
        String id = inReview(writer, "In the painting, Aphrodite rises naked from the foam.");
        assertThat(sent.on(Queues.GENERATION_REQUESTS, id)).as("nothing is generated while in review").isEmpty();
        ModerateTextCommand screened = ModerateTextCommand.parseFrom(sent.on(Queues.MODERATION_REQUESTS, id).get(0).body());
        assertThat(screened.getTenant()).isEqualTo("review-a");
        assertThat(screened.getLabelsList()).containsExactly("story", "shot 1 prompt", "shot 1 narration");

        String review = caseOf(reviewer, id);
        JsonPath one = given().auth().oauth2(reviewer).when().get("/v1/reviews/" + review).then().statusCode(200).extract().jsonPath();
        assertThat(one.getString("state")).isEqualTo("PENDING");
        assertThat(one.getString("stage")).isEqualTo("screen-text");
        assertThat(one.getString("findings[0].category")).isEqualTo("nudity");
        assertThat(one.getString("findings[0].reason")).isEqualTo("nudity: “naked”");
        assertThat(one.getString("findings[0].evidence.excerpt")).contains("naked");
        assertThat(one.getInt("findings[0].evidence.textIndex")).isZero();

        given().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", " ")).when().post("/v1/reviews/" + review + ":approve")
                .then().statusCode(400).contentType("application/problem+json");
        JsonPath approved = given().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", "classical art, as painted"))
                .when().post("/v1/reviews/" + review + ":approve").then().statusCode(200).extract().jsonPath();
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("reviewer")).isEqualTo("tester");
        awaitState(writer, id, "QUEUED");
        Awaitility.await().atMost(WAIT).until(() -> !sent.on(Queues.GENERATION_REQUESTS, id).isEmpty());
        given().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post("/v1/reviews/" + review + ":reject").then().statusCode(409).contentType("application/problem+json");

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT action, actor FROM review_audit WHERE story_id = '" + id + "' ORDER BY id");
            List<String> actions = new java.util.ArrayList<>();
            while (rows.next()) {
                actions.add(rows.getString(1) + ":" + rows.getString(2));
            }
            assertThat(actions).containsExactly("open:scheduler", "approve:tester");
            SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE review_audit SET actor = 'x'"));
            assertThat(update.getMessage()).contains("append-only");
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM review_audit"));
        }
    }

    @Test
    void rejectingOverGrpcEndsTheStoryRejectedWithTheReason() {
        String writer = Stories.token("review-b", Roles.STORY_WRITER);
        String reviewer = Stories.token("review-b", Roles.REVIEWER);
        String id = inReview(writer, "The naked goddess bathes in the spring.");
        String review = caseOf(reviewer, id);
        Review rejected = reviewsAs(reviewer).rejectReview(RejectReviewRequest.newBuilder().setReviewId(review).setReason("not for a school audience")
                .build()).await().atMost(WAIT).getReview();
        assertEquals(ReviewState.REVIEW_STATE_REJECTED, rejected.getState());
        JsonPath story = awaitState(writer, id, "REJECTED");
        assertThat(story.getString("failure.reason")).isEqualTo("REVIEW_REJECTED");
        assertThat(story.getString("failure.message")).contains("not for a school audience");
        assertThat(reviewsAs(reviewer).listReviews(ListReviewsRequest.newBuilder().setState(ReviewState.REVIEW_STATE_REJECTED).build())
                .await().atMost(WAIT).getReviewsList()).extracting(Review::getId).contains(review);
    }

    @Test
    void anotherTenantsReviewerSeesNothingAndOtherRolesAreRefused() {
        String writer = Stories.token("review-c", Roles.STORY_WRITER);
        String id = inReview(writer, "Aphrodite rises naked from the foam.");
        String review = caseOf(Stories.token("review-c", Roles.REVIEWER), id);
        String stranger = Stories.token("review-other", Roles.REVIEWER);
        given().auth().oauth2(stranger).when().get("/v1/reviews/" + review).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("reason", "mine now"))
                .when().post("/v1/reviews/" + review + ":approve").then().statusCode(404);
        assertThat(pending(stranger).getList("reviews.storyId", String.class)).doesNotContain(id);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> reviewsAs(stranger).getReview(GetReviewRequest.newBuilder().setReviewId(review).build()).await().atMost(WAIT));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        given().auth().oauth2(writer).when().get("/v1/reviews").then().statusCode(403);
        given().when().get("/v1/reviews").then().statusCode(401);
        given().auth().oauth2(Stories.token("review-c", Roles.REVIEWER)).queryParam("state", "maybe").when().get("/v1/reviews")
                .then().statusCode(400).contentType("application/problem+json");
        StatusRuntimeException badPage = assertThrows(StatusRuntimeException.class, () -> reviewsAs(stranger)
                .listReviews(ListReviewsRequest.newBuilder().setPageSize(1000).build()).await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, badPage.getStatus().getCode());
    }

    @Test
    void mandatoryReviewHoldsTheFinishedFilmUntilApproved() {
        for (boolean perStory : List.of(true, false)) {
            String tenant = perStory ? "review-d" : "strict-museum";
            String writer = Stories.token(tenant, Roles.STORY_WRITER);
            String reviewer = Stories.token(tenant, Roles.REVIEWER);
            Map<String, Object> body = perStory ? Map.of("text", "Orion hunts.", "requireReview", true) : Map.of("text", "Orion hunts.");
            String id = given().auth().oauth2(writer).contentType(ContentType.JSON).body(body).when().post("/v1/stories").then().statusCode(202)
                    .extract().path("id");
            assertThat(Stories.get(writer, id).getBoolean("requireReview")).isEqualTo(perStory);
            send(id, StoryEvent.newBuilder().setStoryEnriched(StoryEnriched.newBuilder().setStoryboard(storyboard(1))));
            awaitState(writer, id, "SCREENING");
            send(id, StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder().setVerdict(Verdict.VERDICT_ALLOW)));
            Stories.awaitDispatched(writer, id);
            send(id, StoryEvent.newBuilder().setShotGenerated(ShotGenerated.newBuilder().setShotIndex(0).setAttempt(1).setClipUri("file:///m/0.mp4")));
            awaitState(writer, id, "ASSEMBLING");
            send(id, StoryEvent.newBuilder().setFilmAssembled(FilmAssembled.newBuilder().setFilm(Film.newBuilder().setVideoUri("file:///m/film.mp4")
                    .setSha256("abc").setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(5)))));
            awaitState(writer, id, "IN_REVIEW");
            String review = caseOf(reviewer, id);
            assertThat(given().auth().oauth2(reviewer).when().get("/v1/reviews/" + review).then().statusCode(200).extract().path("stage")
                    .toString()).isEqualTo("assemble");
            given().auth().oauth2(reviewer).contentType(ContentType.JSON).body(Map.of("reason", "checked the film"))
                    .when().post("/v1/reviews/" + review + ":approve").then().statusCode(200);
            JsonPath completed = awaitState(writer, id, "COMPLETED");
            assertThat(completed.getDouble("film.durationSeconds")).isEqualTo(5.0);
        }
    }
}
