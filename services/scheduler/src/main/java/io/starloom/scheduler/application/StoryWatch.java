package io.starloom.scheduler.application;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.starloom.proto.v1.Story;
import io.starloom.scheduler.persistence.IsolatedSessions;

/** A story now and after every change, ending with its final state: the stream behind WatchStory and SSE. */
@ApplicationScoped
public class StoryWatch {
    /** Re-reads the story now and then too, so a missed notification only delays an update. */
    private static final Duration SAFETY_POLL = Duration.ofSeconds(5);
    private static final Story END = Story.getDefaultInstance();

    private final StoryQueries queries;
    private final StoryChanges changes;
    private final IsolatedSessions sessions;

    public StoryWatch(StoryQueries queries, StoryChanges changes, IsolatedSessions sessions) {
        this.queries = queries;
        this.changes = changes;
        this.sessions = sessions;
    }

    public Multi<Story> watch(Caller caller, String storyId) {
        UUID id = StoryQueries.parseId(storyId);
        Multi<UUID> triggers = Multi.createBy().merging().streams(
                Multi.createFrom().item(id),
                changes.of(id).onOverflow().drop(),
                Multi.createFrom().ticks().every(SAFETY_POLL).onOverflow().drop().map(tick -> id));
        return triggers
                .onItem().transformToUniAndConcatenate(ignored -> sessions.run(() -> queries.get(caller, storyId)))
                .skip().repetitions()
                .onItem().transformToMultiAndConcatenate(story -> StateMapping.fromProto(story.getState()).isFinal()
                        ? Multi.createFrom().items(story, END)
                        : Multi.createFrom().item(story))
                .select().first(story -> story != END);
    }
}
