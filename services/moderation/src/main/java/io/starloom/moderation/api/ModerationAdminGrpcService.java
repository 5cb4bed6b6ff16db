package io.starloom.moderation.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.grpc.InvalidArgument;
import io.starloom.moderation.application.LexiconAdmin;
import io.starloom.moderation.domain.Lexicon;
import io.starloom.moderation.persistence.LexiconChangeEntity;
import io.starloom.moderation.persistence.LexiconEntryEntity;
import io.starloom.proto.v1.AddLexiconEntryRequest;
import io.starloom.proto.v1.AddLexiconEntryResponse;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.LexiconChange;
import io.starloom.proto.v1.LexiconEntry;
import io.starloom.proto.v1.LexiconList;
import io.starloom.proto.v1.ListLexiconChangesRequest;
import io.starloom.proto.v1.ListLexiconChangesResponse;
import io.starloom.proto.v1.ListLexiconEntriesRequest;
import io.starloom.proto.v1.ListLexiconEntriesResponse;
import io.starloom.proto.v1.ModerationAdminService;
import io.starloom.proto.v1.RemoveLexiconEntryRequest;
import io.starloom.proto.v1.RemoveLexiconEntryResponse;
import io.starloom.proto.v1.Severity;

/** Run-time edits of the deny and allow lists over gRPC, for operators with the role admin. */
@GrpcService
@RolesAllowed(Roles.ADMIN)
public class ModerationAdminGrpcService implements ModerationAdminService {
    static final int MAX_TERM = 100;
    static final int MAX_CHANGES = 500;

    private final LexiconAdmin admin;
    private final CallerTenant caller;

    public ModerationAdminGrpcService(LexiconAdmin admin, CallerTenant caller) {
        this.admin = admin;
        this.caller = caller;
    }

    @Override
    public Uni<ListLexiconEntriesResponse> listLexiconEntries(ListLexiconEntriesRequest request) {
        if (request.getList() == LexiconList.UNRECOGNIZED) {
            return Uni.createFrom().failure(InvalidArgument.of("list", "UNKNOWN_LIST", "list must be deny, allow or unspecified"));
        }
        String list = request.getList() == LexiconList.LEXICON_LIST_UNSPECIFIED ? null : listName(request.getList());
        return admin.entries(list).map(entries -> ListLexiconEntriesResponse.newBuilder()
                .addAllEntries(entries.stream().map(ModerationAdminGrpcService::toProto).toList()).build());
    }

    @Override
    public Uni<AddLexiconEntryResponse> addLexiconEntry(AddLexiconEntryRequest request) {
        LexiconEntry entry = request.getEntry();
        List<BadRequest.FieldViolation> violations = new ArrayList<>();
        if (!ProtoNames.isSpecified(entry.getList())) {
            violations.add(InvalidArgument.violation("entry.list", "LIST_REQUIRED", "list must be LEXICON_LIST_DENY or LEXICON_LIST_ALLOW"));
        }
        String term = entry.getTerm().strip();
        checkTerm("entry.term", term, violations);
        boolean deny = entry.getList() == LexiconList.LEXICON_LIST_DENY;
        if (deny && !ProtoNames.isSpecified(entry.getCategory())) {
            violations.add(InvalidArgument.violation("entry.category", "CATEGORY_REQUIRED", "a deny entry needs a category"));
        }
        if (deny && entry.getSeverity() == Severity.UNRECOGNIZED) {
            violations.add(InvalidArgument.violation("entry.severity", "UNKNOWN_SEVERITY", "severity is not one this service knows"));
        }
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(InvalidArgument.of("the lexicon entry is not valid", violations));
        }
        Severity severity = entry.getSeverity() == Severity.SEVERITY_UNSPECIFIED ? Severity.SEVERITY_HIGH : entry.getSeverity();
        Category category = deny ? entry.getCategory() : Category.CATEGORY_UNSPECIFIED;
        return admin.add(listName(entry.getList()), term, category, severity, caller.subject())
                .map(stored -> AddLexiconEntryResponse.newBuilder().setEntry(toProto(stored)).build());
    }

    @Override
    public Uni<RemoveLexiconEntryResponse> removeLexiconEntry(RemoveLexiconEntryRequest request) {
        List<BadRequest.FieldViolation> violations = new ArrayList<>();
        if (!ProtoNames.isSpecified(request.getList())) {
            violations.add(InvalidArgument.violation("list", "LIST_REQUIRED", "list must be LEXICON_LIST_DENY or LEXICON_LIST_ALLOW"));
        }
        if (request.getTerm().isBlank()) {
            violations.add(InvalidArgument.violation("term", "TERM_REQUIRED", "term is empty"));
        }
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(InvalidArgument.of("the entry to remove is not valid", violations));
        }
        return admin.remove(listName(request.getList()), request.getTerm().strip(), caller.subject())
                .map(removed -> RemoveLexiconEntryResponse.newBuilder().setEntry(toProto(removed)).build())
                .onFailure(LexiconAdmin.NoSuchEntryException.class)
                .transform(e -> Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
    }

    @Override
    public Uni<ListLexiconChangesResponse> listLexiconChanges(ListLexiconChangesRequest request) {
        int size = request.getPageSize();
        if (size < 0 || size > MAX_CHANGES) {
            return Uni.createFrom().failure(InvalidArgument.of("page_size", "PAGE_SIZE_OUT_OF_RANGE", "page_size must be 1.." + MAX_CHANGES));
        }
        return admin.changes(size == 0 ? 100 : size).map(changes -> ListLexiconChangesResponse.newBuilder()
                .addAllChanges(changes.stream().map(ModerationAdminGrpcService::toProto).toList()).build());
    }

    private static void checkTerm(String field, String term, List<BadRequest.FieldViolation> violations) {
        int length = term.codePointCount(0, term.length());
        if (length == 0 || length > MAX_TERM) {
            violations.add(InvalidArgument.violation(field, "TERM_LENGTH", "term must have 1.." + MAX_TERM + " characters"));
        } else if (!Lexicon.canMatch(term)) {
            violations.add(InvalidArgument.violation(field, "TERM_TOO_SHORT",
                    "term is too short once folded (at least 3 Latin letters or 2 Chinese characters): it would match inside ordinary words"));
        }
    }

    private static String listName(LexiconList list) {
        return list == LexiconList.LEXICON_LIST_DENY ? LexiconAdmin.DENY : LexiconAdmin.ALLOW;
    }

    private static LexiconList listOf(String name) {
        return LexiconAdmin.DENY.equals(name) ? LexiconList.LEXICON_LIST_DENY : LexiconList.LEXICON_LIST_ALLOW;
    }

    private static Timestamp timestamp(java.time.Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static LexiconEntry.Builder entry(String list, String term, String category, String severity) {
        LexiconEntry.Builder entry = LexiconEntry.newBuilder().setList(listOf(list)).setTerm(term);
        if (category != null) {
            ProtoNames.parseShortName(Category.class, category).ifPresent(entry::setCategory);
        }
        if (severity != null) {
            ProtoNames.parseShortName(Severity.class, severity).ifPresent(entry::setSeverity);
        }
        return entry;
    }

    private static LexiconEntry toProto(LexiconEntryEntity stored) {
        return entry(stored.list, stored.term, stored.category, stored.severity).setAuthor(stored.author)
                .setCreateTime(timestamp(stored.createdAt)).build();
    }

    private static LexiconChange toProto(LexiconChangeEntity change) {
        return LexiconChange.newBuilder().setAction(change.action).setEntry(entry(change.list, change.term, change.category, change.severity))
                .setActor(change.actor).setTime(timestamp(change.changedAt)).build();
    }
}
