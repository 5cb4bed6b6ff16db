package io.starloom.scheduler.webhooks.application;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.domain.StoryStatus;
import io.starloom.scheduler.links.FilmLinks;
import io.starloom.scheduler.persistence.StoryEntity;
import io.starloom.scheduler.webhooks.config.WebhookConfig;
import io.starloom.scheduler.webhooks.persistence.WebhookDeliveryEntity;

/**
 * The JSON body of a story event, in the Standard Webhooks shape {@code {type, timestamp, data}}: the story's
 * id and the state it entered, its title, and for a finished film the links to fetch it (token-protected
 * API paths and one expiring link that needs no token); for a story that ended otherwise, why.
 */
@ApplicationScoped
public class WebhookPayloads {
    private final ObjectMapper json;
    private final FilmLinks links;
    private final String base;

    public WebhookPayloads(ObjectMapper json, FilmLinks links, WebhookConfig config) {
        this.json = json;
        this.links = links;
        this.base = config.publicBaseUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url).orElse("");
    }

    public String body(WebhookDeliveryEntity delivery, StoryEntity story) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("storyId", story.id.toString());
        data.put("state", delivery.storyState.name());
        if (story.title != null) {
            data.put("title", story.title);
        }
        String path = base + "/v1/stories/" + story.id;
        data.put("story", path);
        if (delivery.storyState == StoryStatus.COMPLETED) {
            FilmLinks.Grant grant = links.grant(story.id.toString(), FilmFiles.Kind.VIDEO, story.tenant);
            Map<String, Object> film = new LinkedHashMap<>();
            film.put("video", path + "/film");
            film.put("subtitlesVtt", path + "/subtitles.vtt");
            film.put("subtitlesSrt", path + "/subtitles.srt");
            film.put("download", base + "/v1/film-links/" + links.token(grant));
            film.put("downloadExpireTime", grant.expires().toString());
            data.put("film", film);
        } else if (delivery.storyState.isFinal() && story.failureReason != null) {
            data.put("failure", Map.of("reason", story.failureReason, "message", story.failureMessage == null ? "" : story.failureMessage));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", delivery.eventType);
        event.put("timestamp", delivery.createdAt.toString());
        event.put("data", data);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }
}
