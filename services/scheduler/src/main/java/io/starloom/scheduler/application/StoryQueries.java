package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.ListStoriesResponse;
import io.starloom.proto.v1.Story;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryNotFoundException;
import io.starloom.scheduler.fleet.QueuePositions;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/** Reads of stories, always within the caller's tenant; an admin reads every tenant's, audited. */
@ApplicationScoped
public class StoryQueries {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final AdminAudit audit;
    private final QueuePositions positions;

    public StoryQueries(AdminAudit audit, QueuePositions positions) {
        this.audit = audit;
        this.positions = positions;
    }

    /** The story with its place in the GPU queue (GetStory, WatchStory, SSE). */
    public Uni<Story> get(Caller caller, String storyId) {
        UUID id = parseId(storyId);
        return Panache.withSession(() -> story(caller, id)
                .chain(story -> ShotEntity.ofStory(id).chain(shots -> positions.of(story, shots, StoryViews.toStory(story, shots)))));
    }

    /** The stored story entity, e.g. for its storyboard or film. */
    public Uni<StoryEntity> entity(Caller caller, String storyId) {
        UUID id = parseId(storyId);
        return Panache.withSession(() -> story(caller, id));
    }

    /** Newest first; the page token is the position of the last story of the previous page. */
    public Uni<ListStoriesResponse> list(Caller caller, int pageSize, String pageToken) {
        if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidRequestException(List.of(new FieldError("pageSize", ErrorCode.PAGE_SIZE_OUT_OF_RANGE, MAX_PAGE_SIZE)), false);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
        Cursor after = Cursor.parse(pageToken);
        // An admin's list spans every tenant.
        List<String> where = new java.util.ArrayList<>();
        Parameters parameters = new Parameters();
        if (!caller.admin()) {
            where.add("tenant = :tenant");
            parameters.and("tenant", caller.tenant());
        }
        if (after != null) {
            where.add("(createdAt < :after or (createdAt = :after and id < :afterId))");
            parameters.and("after", after.createdAt()).and("afterId", after.id());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by createdAt desc, id desc";
        return Panache.withSession(() -> StoryEntity.<StoryEntity>find(query, parameters)
                .page(Page.ofSize(size + 1)).list()
                .invoke(stories -> stories.forEach(s -> auditRead(caller, "list", s)))
                .chain(stories -> {
                    List<StoryEntity> page = stories.subList(0, Math.min(size, stories.size()));
                    List<UUID> ids = page.stream().map(s -> s.id).toList();
                    Uni<List<ShotEntity>> shots = ids.isEmpty() ? Uni.createFrom().item(List.of())
                            : ShotEntity.list("storyId in ?1", ids);
                    return shots.map(all -> {
                        ListStoriesResponse.Builder response = ListStoriesResponse.newBuilder();
                        page.forEach(s -> response.addStories(StoryViews.toStory(s, all.stream().filter(x -> x.storyId.equals(s.id)).toList())));
                        if (stories.size() > size) {
                            StoryEntity last = page.get(page.size() - 1);
                            response.setNextPageToken(new Cursor(last.createdAt, last.id).encode());
                        }
                        return response.build();
                    });
                }));
    }

    Uni<StoryEntity> lockedStory(Caller caller, UUID id) {
        return StoryEntity.<StoryEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new StoryNotFoundException(id.toString()))
                .invoke(story -> {
                    if (!story.tenant.equals(caller.tenant())) {
                        throw new StoryNotFoundException(id.toString());
                    }
                });
    }

    private Uni<StoryEntity> story(Caller caller, UUID id) {
        Uni<StoryEntity> found = caller.admin()
                ? StoryEntity.<StoryEntity>findById(id).invoke(story -> auditRead(caller, "read", story))
                : StoryEntity.<StoryEntity>find("id = ?1 and tenant = ?2", id, caller.tenant()).firstResult();
        return found.onItem().ifNull().failWith(() -> new StoryNotFoundException(id.toString()));
    }

    private void auditRead(Caller caller, String what, StoryEntity story) {
        if (caller.admin() && story != null) {
            audit.crossTenantRead(caller, what, story.id.toString(), story.tenant);
        }
    }

    /** A story id from a caller: anything that is not a UUID names no story. */
    static UUID parseId(String storyId) {
        try {
            return UUID.fromString(storyId == null ? "" : storyId.trim());
        } catch (IllegalArgumentException e) {
            throw new StoryNotFoundException(String.valueOf(storyId));
        }
    }

    /** A page token: where the last item of the previous page stood in (created, id) order, newest first. */
    public record Cursor(Instant createdAt, UUID id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor parse(String token) {
            if (token == null || token.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new InvalidRequestException(List.of(new FieldError("pageToken", ErrorCode.PAGE_TOKEN_INVALID)), false);
            }
        }
    }
}
