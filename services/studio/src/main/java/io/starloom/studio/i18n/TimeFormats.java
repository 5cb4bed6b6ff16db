package io.starloom.studio.i18n;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;

/**
 * API timestamps (RFC 3339) as people read them in the page's language, in UTC since the server does not know
 * the browser's zone: {@code {item.createTime.readableTime}}. The {@code <time datetime>} attribute keeps the
 * exact value.
 */
@TemplateExtension
public final class TimeFormats {
    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm 'UTC'", Locale.CHINESE);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private TimeFormats() {
    }

    static String readableTime(String timestamp, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        if (timestamp == null || timestamp.isBlank()) {
            return "";
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(timestamp).withOffsetSameInstant(ZoneOffset.UTC);
            boolean chinese = locale instanceof Locale chosen && chosen.getLanguage().equals("zh");
            return (chinese ? CHINESE : ENGLISH).format(time);
        } catch (DateTimeException e) {
            return timestamp;
        }
    }
}
