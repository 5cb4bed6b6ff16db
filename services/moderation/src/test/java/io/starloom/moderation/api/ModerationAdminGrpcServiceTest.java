package io.starloom.moderation.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.AddLexiconEntryRequest;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.CheckTextRequest;
import io.starloom.proto.v1.LexiconChange;
import io.starloom.proto.v1.LexiconEntry;
import io.starloom.proto.v1.LexiconList;
import io.starloom.proto.v1.ListLexiconChangesRequest;
import io.starloom.proto.v1.ListLexiconEntriesRequest;
import io.starloom.proto.v1.ModerationAdminService;
import io.starloom.proto.v1.ModerationService;
import io.starloom.proto.v1.RemoveLexiconEntryRequest;
import io.starloom.proto.v1.Severity;
import io.starloom.proto.v1.Verdict;

/** Operators edit the lists at run time against the real PostgreSQL: screening changes at once, every change is audited. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ModerationAdminGrpcServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient
    ModerationAdminService admin;

    @GrpcClient
    ModerationService moderation;

    @Inject
    DataSource dataSource;

    private static Metadata headers(String subject, String role) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + DevStackTestResource.stack().mintToken(subject, "tenant-a", Set.of(role)));
        return headers;
    }

    private ModerationAdminService as(String subject, String role) {
        return GrpcClientUtils.attachHeaders(admin, headers(subject, role));
    }

    private Verdict check(String text) {
        return GrpcClientUtils.attachHeaders(moderation, headers("writer", Roles.STORY_WRITER))
                .checkText(CheckTextRequest.newBuilder().setText(text).build()).await().atMost(TIMEOUT).getVerdict();
    }

    @Test
    void aDenyEntryBlocksAtOnceIsAuditedAndCanBeRemoved() {
        String text = "The qwyrmbane curse falls on the ship.";
        assertEquals(Verdict.VERDICT_ALLOW, check(text));
        LexiconEntry added = as("operator-1", Roles.ADMIN).addLexiconEntry(AddLexiconEntryRequest.newBuilder().setEntry(LexiconEntry.newBuilder()
                .setList(LexiconList.LEXICON_LIST_DENY).setTerm("qwyrmbane").setCategory(Category.CATEGORY_HATE)).build())
                .await().atMost(TIMEOUT).getEntry();
        assertEquals(Severity.SEVERITY_HIGH, added.getSeverity(), "deny entries default to HIGH");
        assertEquals("operator-1", added.getAuthor());
        assertEquals(Verdict.VERDICT_BLOCK, check(text));
        assertEquals(Verdict.VERDICT_BLOCK, check("q w y r m b a n e"), "operator entries are folded like the built-in ones");
        assertTrue(as("operator-1", Roles.ADMIN).listLexiconEntries(ListLexiconEntriesRequest.newBuilder().setList(LexiconList.LEXICON_LIST_DENY)
                .build()).await().atMost(TIMEOUT).getEntriesList().stream().anyMatch(e -> e.getTerm().equals("qwyrmbane")));

        as("operator-2", Roles.ADMIN).removeLexiconEntry(RemoveLexiconEntryRequest.newBuilder().setList(LexiconList.LEXICON_LIST_DENY)
                .setTerm("qwyrmbane").build()).await().atMost(TIMEOUT);
        assertEquals(Verdict.VERDICT_ALLOW, check(text));
        List<LexiconChange> changes = as("auditor", Roles.ADMIN).listLexiconChanges(ListLexiconChangesRequest.getDefaultInstance())
                .await().atMost(TIMEOUT).getChangesList().stream().filter(c -> c.getEntry().getTerm().equals("qwyrmbane")).toList();
        assertEquals(List.of("remove", "add"), changes.stream().map(LexiconChange::getAction).toList());
        assertEquals(List.of("operator-2", "operator-1"), changes.stream().map(LexiconChange::getActor).toList());
    }

    @Test
    void anAllowEntryCancelsABuiltInFinding() {
        String text = "The Nude Descendant exhibition opens tonight.";
        assertEquals(Verdict.VERDICT_REVIEW, check(text));
        as("operator-1", Roles.ADMIN).addLexiconEntry(AddLexiconEntryRequest.newBuilder().setEntry(LexiconEntry.newBuilder()
                .setList(LexiconList.LEXICON_LIST_ALLOW).setTerm("nude descendant")).build()).await().atMost(TIMEOUT);
        assertEquals(Verdict.VERDICT_ALLOW, check(text));
    }

    @Test
    void theAuditLogRefusesUpdatesAndDeletes() throws SQLException {
        as("operator-1", Roles.ADMIN).addLexiconEntry(AddLexiconEntryRequest.newBuilder().setEntry(LexiconEntry.newBuilder()
                .setList(LexiconList.LEXICON_LIST_DENY).setTerm("audit-probe").setCategory(Category.CATEGORY_ILLICIT)).build())
                .await().atMost(TIMEOUT);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE moderation.lexicon_change SET actor = 'x'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM moderation.lexicon_change"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
    }

    @Test
    void onlyAdminsMayEditTheLists() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as("writer", Roles.REVIEWER)
                .listLexiconEntries(ListLexiconEntriesRequest.getDefaultInstance()).await().atMost(TIMEOUT));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                () -> admin.listLexiconEntries(ListLexiconEntriesRequest.getDefaultInstance()).await().atMost(TIMEOUT));
        assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
    }

    @Test
    void aBadEntryIsAnInvalidArgumentNamingEveryField() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as("operator-1", Roles.ADMIN)
                .addLexiconEntry(AddLexiconEntryRequest.newBuilder().setEntry(LexiconEntry.newBuilder()
                        .setList(LexiconList.LEXICON_LIST_DENY).setTerm("xx")).build()).await().atMost(TIMEOUT));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        BadRequest bad = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
        assertEquals(List.of("entry.term", "entry.category"), bad.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList());
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> as("operator-1", Roles.ADMIN)
                .removeLexiconEntry(RemoveLexiconEntryRequest.newBuilder().setList(LexiconList.LEXICON_LIST_ALLOW).setTerm("never added").build())
                .await().atMost(TIMEOUT));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    }
}
