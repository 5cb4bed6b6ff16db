package io.starloom.scheduler.api.rest;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.StoryQueries;

/**
 * Fails a request for a story the caller cannot see before its response starts. Resteasy Reactive writes
 * the headers of an SSE stream as soon as the method returns, so a stream failing on its first item can
 * only be cut off, not answered with a 404.
 */
public class ExistingStoryFilter {
    private final CallerResolver callers;
    private final StoryQueries queries;

    public ExistingStoryFilter(CallerResolver callers, StoryQueries queries) {
        this.callers = callers;
        this.queries = queries;
    }

    @ServerRequestFilter
    @ExistingStory
    public Uni<Void> storyExists(UriInfo uri) {
        String id = uri.getPathParameters().getFirst("id");
        return callers.current().chain(caller -> queries.get(caller, id)).replaceWithVoid();
    }
}
