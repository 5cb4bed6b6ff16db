package io.starloom.studio.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.TemplateData;

/**
 * The write form's fields, as posted and as shown again. Values are passed to the scheduler as typed, unless
 * blank (then the scheduler's default applies): the scheduler validates them and the page shows its answer.
 */
@TemplateData
public class StoryForm {
    @RestForm
    public String text = "";
    @RestForm
    public String language = "";
    @RestForm
    public String style = "";
    @RestForm
    public String resolution = "";
    @RestForm
    public String profile = "";
    @RestForm
    public String voice = "";
    @RestForm
    public String aspectRatio = "";
    /** Language of a second subtitle track (zh or en); blank for the story's language only. */
    @RestForm
    public String translationLanguage = "";
    @RestForm
    public String burnInSubtitles = "";
    @RestForm
    public String requireReview = "";
    /** interactive, standard or batch; blank leaves the scheduler's default (standard). */
    @RestForm
    public String priority = "";
    /** Made when the form is shown, so that a second click or a reload submits the same story. */
    @RestForm
    public String requestId = "";

    public static StoryForm fresh() {
        StoryForm form = new StoryForm();
        form.requestId = UUID.randomUUID().toString();
        return form;
    }

    /** The settings of an existing story, for "copy its settings" and "retry". */
    public static StoryForm copyOf(Map<String, Object> story) {
        StoryForm form = fresh();
        form.language = text(story.get("language"));
        form.style = text(story.get("style"));
        form.resolution = text(story.get("resolution"));
        form.profile = text(story.get("profile"));
        form.translationLanguage = text(story.get("translationLanguage"));
        form.requireReview = Boolean.TRUE.equals(story.get("requireReview")) ? "on" : "";
        if (story.get("scheduling") instanceof Map<?, ?> scheduling) {
            form.priority = text(scheduling.get("priority"));
        }
        return form;
    }

    public boolean burnIn() {
        return "on".equals(burnInSubtitles);
    }

    public boolean review() {
        return "on".equals(requireReview);
    }

    /** The submission body of docs/api.md. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text == null ? "" : text);
        putIfPresent(body, "language", language);
        putIfPresent(body, "style", style);
        putIfPresent(body, "resolution", resolution);
        putIfPresent(body, "profile", profile);
        putIfPresent(body, "voice", voice);
        putIfPresent(body, "aspectRatio", aspectRatio);
        putIfPresent(body, "translationLanguage", translationLanguage);
        putIfPresent(body, "requestId", requestId);
        putIfPresent(body, "priority", priority);
        if (burnIn()) {
            body.put("burnInSubtitles", true);
        }
        if (review()) {
            body.put("requireReview", true);
        }
        return body;
    }

    private static void putIfPresent(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value);
        }
    }

    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
