package io.starloom.studio.i18n;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;

/**
 * Times and durations of the API as people read them in the page's language: timestamps (RFC 3339) in UTC,
 * since the server does not know the browser's zone ({@code {item.createTime.readableTime}}; the
 * {@code <time datetime>} attribute keeps the exact value), and seconds as seconds, minutes or hours
 * ({@code {estimate.renderSeconds.readableDuration}}).
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

    static String readableDuration(Number seconds, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        boolean chinese = locale instanceof Locale chosen && chosen.getLanguage().equals("zh");
        double value = seconds == null ? 0 : seconds.doubleValue();
        if (value < 90) {
            String shown = value < 10 ? String.format(Locale.ROOT, "%.1f", value).replace(".0", "") : String.valueOf(Math.round(value));
            return shown + (chinese ? " 秒" : " s");
        }
        long minutes = Math.round(value / 60);
        if (minutes < 90) {
            return minutes + (chinese ? " 分钟" : " min");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return chinese ? hours + " 小时" + (rest == 0 ? "" : " " + rest + " 分钟") : hours + " h" + (rest == 0 ? "" : " " + rest + " min");
    }
}
