package io.starloom.studio.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * A story's {@code scheduling} as the scheduler sends it: its priority class, how many shots of other stories are
 * expected to reach a GPU first, and when its last shot is expected to be rendered. Absent parts are null: a
 * scheduler that sends none of it shows none of it.
 */
@TemplateData
public record Scheduling(String priority, Integer queuePosition, String generationEta) {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public static Scheduling of(Map<String, Object> story) {
        if (!(story.get("scheduling") instanceof Map<?, ?> scheduling)) {
            return new Scheduling(null, null, null);
        }
        Object priority = scheduling.get("priority");
        Object position = scheduling.get("queuePosition");
        Object eta = scheduling.get("generationEta");
        return new Scheduling(priority == null ? null : priority.toString(), position instanceof Number number ? number.intValue() : null,
                eta == null ? null : eta.toString());
    }

    /** Other stories' shots ahead: shown only while some wait. */
    public boolean waiting() {
        return queuePosition != null && queuePosition > 0;
    }

    /** The number ahead, as the message shows it. */
    public String ahead() {
        return String.valueOf(queuePosition);
    }

    /** The expected end as a time of day in UTC, for a page without script; the script shows it in the browser's zone. */
    public String etaText() {
        if (generationEta == null) {
            return null;
        }
        try {
            return UTC_TIME.format(Instant.parse(generationEta));
        } catch (DateTimeParseException e) {
            return generationEta;
        }
    }
}
