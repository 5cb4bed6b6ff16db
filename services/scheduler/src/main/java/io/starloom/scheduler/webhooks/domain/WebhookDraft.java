package io.starloom.scheduler.webhooks.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.StoryStatus;

/**
 * An endpoint as a caller writes it; null fields are left as they are on an update.
 *
 * @param eventTypes e.g. "story.completed"; empty for every event
 */
public record WebhookDraft(String url, String description, List<String> eventTypes) {
    public static final int MAX_DESCRIPTION = 200;
    /** One event per story state: "story." and the state in lower case. */
    public static final Set<String> EVENT_TYPES = Arrays.stream(StoryStatus.values()).map(WebhookDraft::eventType)
            .collect(Collectors.toUnmodifiableSet());

    public static String eventType(StoryStatus state) {
        return "story." + state.name().toLowerCase(Locale.ROOT);
    }

    /** What is wrong with the description and event types (the URL is checked by TargetVetting). */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (description != null && (description.codePointCount(0, description.length()) > MAX_DESCRIPTION
                || description.codePoints().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("description", ErrorCode.WEBHOOK_DESCRIPTION_INVALID, MAX_DESCRIPTION));
        }
        if (eventTypes != null) {
            eventTypes.stream().filter(type -> type == null || !EVENT_TYPES.contains(type)).findFirst()
                    .ifPresent(type -> errors.add(new FieldError("eventTypes", ErrorCode.WEBHOOK_EVENT_TYPE_UNKNOWN, type,
                            EVENT_TYPES.stream().sorted().collect(Collectors.joining(", ")))));
        }
        return errors;
    }
}
