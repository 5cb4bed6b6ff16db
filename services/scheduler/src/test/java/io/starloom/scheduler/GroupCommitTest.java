package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static io.starloom.scheduler.Stories.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.scheduler.persistence.GroupCommit;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.persistence.OutboxEntity;

/**
 * Submissions that arrive together share one transaction, and nobody is answered with another's outcome:
 * a work's own refusal leaves the rest of its group committed; a database failure rolls the group back and
 * each of its works runs again alone.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class GroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    GroupCommit groups;

    @Inject
    IsolatedSessions sessions;

    @Inject
    MeterRegistry registry;

    @Test
    void concurrentSubmissionsShareCommitsAndEachGetsItsOwnAnswer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String writer = token("group-" + run, Roles.STORY_WRITER);
        String key = "same-" + run;
        DistributionSummary sizes = registry.get("starloom.submission.group.works").summary();
        long commitsBefore = sizes.count();
        double worksBefore = sizes.totalAmount();
        ExecutorService callers = Executors.newFixedThreadPool(48);
        try {
            List<CompletableFuture<Response>> plain = new ArrayList<>();
            List<CompletableFuture<Response>> refused = new ArrayList<>();
            List<CompletableFuture<Response>> sameKey = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                plain.add(CompletableFuture.supplyAsync(() -> post(writer, Map.of("text", "Vega weaves, story " + n), null), callers));
                if (i % 10 == 0) {
                    // Refused inside the shared transaction (the tenant may not ask for interactive): its group still commits.
                    refused.add(CompletableFuture.supplyAsync(() -> post(writer, Map.of("text", "Altair waits", "priority", "interactive"), null),
                            callers));
                    sameKey.add(CompletableFuture.supplyAsync(() -> post(writer, Map.of("text", "Deneb watches"), key), callers));
                }
            }
            List<String> ids = plain.stream().map(CompletableFuture::join).map(response -> {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
                return response.<String>path("id");
            }).toList();
            assertThat(ids).doesNotHaveDuplicates().hasSize(60);
            refused.stream().map(CompletableFuture::join).forEach(response -> {
                assertThat(response.statusCode()).isEqualTo(403);
                assertThat(response.<String>path("errors[0].field")).isEqualTo("priority");
            });
            assertThat(sameKey.stream().map(CompletableFuture::join).map(response -> {
                assertThat(response.statusCode()).isEqualTo(202);
                return response.<String>path("id");
            }).distinct()).hasSize(1);
            // Every answer came after its commit: each story and its enrichment command are there.
            for (String id : ids) {
                given().auth().oauth2(writer).when().get("/v1/stories/" + id).then().statusCode(200);
            }
            long stored = run(() -> OutboxEntity.count("destination = ?1 and storyId in ?2", "starloom.enrichment.requests",
                    ids.stream().map(UUID::fromString).toList()));
            assertThat(stored).isEqualTo(60);
        } finally {
            callers.shutdownNow();
        }
        long commits = sizes.count() - commitsBefore;
        double works = sizes.totalAmount() - worksBefore;
        assertThat(works).isGreaterThanOrEqualTo(60 + 6 + 6);
        assertThat(commits).as("shared transactions for %s works", works).isLessThan((long) works);
    }

    @Test
    void aDatabaseFailureRollsTheGroupBackAndItsWorksRunAloneAWorksOwnFailureDoesNot() throws Exception {
        // Both group slots held for a second, so that the works queued meanwhile form one group after them.
        List<CompletableFuture<Object>> holders = List.of(start(GroupCommitTest::hold), start(GroupCommitTest::hold));

        AtomicInteger firstRuns = new AtomicInteger();
        AtomicInteger refusedRuns = new AtomicInteger();
        UUID first = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        CompletableFuture<Object> written = start(() -> {
            firstRuns.incrementAndGet();
            return marker(first);
        });
        CompletableFuture<Object> refused = start(() -> {
            refusedRuns.incrementAndGet();
            throw new IllegalArgumentException("refused before writing");
        });
        CompletableFuture<Object> broken = start(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT 1 / 0", Integer.class).getSingleResult()).map(Object.class::cast));
        CompletableFuture<Object> alsoWritten = start(() -> marker(last));
        for (CompletableFuture<Object> holder : holders) {
            assertThat(holder.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("held");
        }

        assertThat(written.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(alsoWritten.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(last);
        assertThat(refused).failsWithin(WAIT).withThrowableThat().havingRootCause().withMessage("refused before writing");
        assertThat(broken).failsWithin(WAIT).withThrowableThat().satisfies(failure -> assertThat(failure).hasStackTraceContaining("division by zero"));
        // The broken work spoilt the shared transaction: the others ran again, each alone, and each row is there once.
        assertThat(firstRuns).hasValue(2);
        assertThat(refusedRuns).hasValue(2);
        assertThat(run(() -> OutboxEntity.count("id in ?1", List.of(first, last)))).isEqualTo(2);
    }

    @Test
    void aWorksOwnFailureLeavesItsGroupCommittedWithoutRunningAgain() throws Exception {
        List<CompletableFuture<Object>> holders = List.of(start(GroupCommitTest::hold), start(GroupCommitTest::hold));
        AtomicInteger writtenRuns = new AtomicInteger();
        UUID id = UUID.randomUUID();
        CompletableFuture<Object> written = start(() -> {
            writtenRuns.incrementAndGet();
            return marker(id);
        });
        CompletableFuture<Object> refused = start(() -> {
            throw new IllegalStateException("not for this tenant");
        });
        for (CompletableFuture<Object> holder : holders) {
            holder.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(written.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(id);
        assertThat(refused).failsWithin(WAIT).withThrowableThat().havingRootCause().withMessage("not for this tenant");
        assertThat(writtenRuns).hasValue(1);
        assertThat(run(() -> OutboxEntity.count("id", id))).isEqualTo(1);
    }

    /** A transaction that takes a second in the database. */
    private static Uni<Object> hold() {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT 'held' FROM pg_sleep(1)", String.class).getSingleResult())
                .map(Object.class::cast);
    }

    /** A row nobody sends (already published), with a known id. */
    private static Uni<Object> marker(UUID id) {
        OutboxEntity row = new OutboxEntity();
        row.id = id;
        row.destination = "test.group-commit";
        row.type = "test";
        row.storyId = id;
        row.payload = new byte[0];
        row.createdAt = Instant.now();
        row.publishedAt = row.createdAt;
        return row.persist().replaceWith(id);
    }

    private CompletableFuture<Object> start(Supplier<Uni<Object>> work) {
        return groups.run(work).subscribeAsCompletionStage();
    }

    private <T> T run(Supplier<Uni<T>> query) {
        return sessions.run(() -> Panache.withSession(query)).await().atMost(WAIT);
    }

    private static Response post(String token, Map<String, String> body, String idempotencyKey) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/v1/stories").andReturn();
    }
}
