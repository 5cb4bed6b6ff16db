package io.starloom.studio.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.starloom.studio.config.StudioConfig;
import io.starloom.studio.domain.Scheduling;
import io.starloom.studio.domain.StoryForm;
import io.starloom.studio.scheduler.SchedulerApi;

/** A user's stories: the list, one story live, cancel, retry. */
@Path("/stories")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class StoryPages {
    /** States after which a story no longer changes. */
    static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "REJECTED", "CANCELED");
    static final List<String> STATES = List.of("ENRICHING", "SCREENING", "QUEUED", "GENERATING", "ASSEMBLING", "IN_REVIEW",
            "COMPLETED", "FAILED", "REJECTED", "CANCELED");

    private final SchedulerApi scheduler;
    private final StudioConfig config;
    private final Pages pages;
    private final Template story;
    private final Template stories;

    StoryPages(@RestClient SchedulerApi scheduler, StudioConfig config, Pages pages, @Location("story.html") Template story,
            @Location("stories.html") Template stories) {
        this.scheduler = scheduler;
        this.config = config;
        this.pages = pages;
        this.story = story;
        this.stories = stories;
    }

    /**
     * A page of the user's stories, newest first. The API pages without a state filter, so the filter applies to the
     * page fetched: a filtered page may show fewer stories, and the next page continues the same walk.
     */
    @GET
    @SuppressWarnings("unchecked")
    public Uni<TemplateInstance> list(@RestQuery String state, @RestQuery String pageToken) {
        String wanted = state != null && STATES.contains(state) ? state : "";
        return scheduler.stories(config.pageSize(), pageToken == null || pageToken.isBlank() ? null : pageToken).map(page -> {
            List<Map<String, Object>> all = (List<Map<String, Object>>) page.getOrDefault("stories", List.of());
            List<Map<String, Object>> shown = wanted.isEmpty() ? all
                    : all.stream().filter(item -> wanted.equals(item.get("state"))).toList();
            return pages.of(stories).data("stories", shown).data("state", wanted).data("states", STATES)
                    .data("nextPage", nextPage(wanted, page.get("nextPageToken")));
        });
    }

    private static String nextPage(String state, Object token) {
        if (token == null || token.toString().isEmpty()) {
            return "";
        }
        return "/stories?state=" + state + "&pageToken=" + URLEncoder.encode(token.toString(), StandardCharsets.UTF_8);
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> story(@RestPath String id) {
        return scheduler.story(id).map(current -> pages.of(story).data("story", current).data("scheduling", Scheduling.of(current))
                .data("live", !FINAL.contains(String.valueOf(current.get("state"))))
                .data("retryable", retryable(current))
                .data("states", STATES));
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@RestPath String id) {
        return scheduler.cancel(id).map(ignored -> Response.seeOther(URI.create("/stories/" + id)).build());
    }

    /**
     * Submits the story again with its settings. The API keeps no copy of the text, so the narration of its shots
     * (the text as planned) is what is submitted; a story that failed before planning offers "copy its settings".
     */
    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> retry(@RestPath String id) {
        return scheduler.story(id).flatMap(current -> {
            String text = narration(current);
            if (text.isBlank() || !FINAL.contains(String.valueOf(current.get("state")))) {
                return Uni.createFrom().item(Response.seeOther(URI.create("/?from=" + id)).build());
            }
            StoryForm form = StoryForm.copyOf(current);
            form.text = text;
            return scheduler.submit(form.body()).map(created -> Response.seeOther(URI.create("/stories/" + created.get("id"))).build());
        });
    }

    /** Chapters of the film, one per shot, from the shots' durations (WebVTT for {@code <track kind=chapters>}). */
    @GET
    @Path("{id}/chapters.vtt")
    @Produces("text/vtt")
    @SuppressWarnings("unchecked")
    public Uni<String> chapters(@RestPath String id) {
        return scheduler.story(id).map(current -> {
            if (!"COMPLETED".equals(current.get("state"))) {
                throw new NotFoundException();
            }
            StringBuilder vtt = new StringBuilder("WEBVTT\n");
            double start = 0;
            for (Map<String, Object> shot : (List<Map<String, Object>>) current.getOrDefault("shots", List.of())) {
                double end = start + ((Number) shot.getOrDefault("durationSeconds", 0)).doubleValue();
                String title = StoryForm.text(shot.get("narration"));
                vtt.append('\n').append(((Number) shot.get("index")).intValue() + 1).append('\n')
                        .append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
                        .append(title.isBlank() ? "#" + (((Number) shot.get("index")).intValue() + 1) : title.replace("-->", "→").strip())
                        .append('\n');
                start = end;
            }
            return vtt.toString();
        });
    }

    @SuppressWarnings("unchecked")
    private static String narration(Map<String, Object> story) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> shot : (List<Map<String, Object>>) story.getOrDefault("shots", List.of())) {
            Object text = shot.get("narration");
            if (text != null && !text.toString().isBlank()) {
                parts.add(text.toString());
            }
        }
        return parts.stream().collect(Collectors.joining("\n"));
    }

    private static boolean retryable(Map<String, Object> story) {
        Object state = story.get("state");
        return ("FAILED".equals(state) || "CANCELED".equals(state) || "REJECTED".equals(state)) && !narration(story).isBlank();
    }

    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format("%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }
}
