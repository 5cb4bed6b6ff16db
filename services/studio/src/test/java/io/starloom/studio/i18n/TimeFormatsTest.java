package io.starloom.studio.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class TimeFormatsTest {

    @Test
    void timestampsReadInThePagesLanguageInUtc() {
        assertEquals("1 Dec 2026, 20:58 UTC", TimeFormats.readableTime("2026-12-01T20:58:14.123456Z", Locale.ENGLISH));
        assertEquals("2026年12月2日 04:58 UTC", TimeFormats.readableTime("2026-12-02T12:58:14+08:00", Locale.forLanguageTag("zh")));
    }

    @Test
    void whatIsNoTimestampIsShownAsItIs() {
        assertEquals("", TimeFormats.readableTime(null, Locale.ENGLISH));
        assertEquals("yesterday", TimeFormats.readableTime("yesterday", Locale.ENGLISH));
    }

    @Test
    void durationsInSecondsMinutesOrHours() {
        assertEquals("10 s", TimeFormats.readableDuration(10.13, Locale.ENGLISH));
        assertEquals("5.2 s", TimeFormats.readableDuration(5.2, Locale.ENGLISH));
        assertEquals("35 min", TimeFormats.readableDuration(2083.0, Locale.ENGLISH));
        assertEquals("35 分钟", TimeFormats.readableDuration(2083, Locale.forLanguageTag("zh")));
        assertEquals("2 h 5 min", TimeFormats.readableDuration(7500, Locale.ENGLISH));
        assertEquals("3 小时", TimeFormats.readableDuration(10800, Locale.forLanguageTag("zh")));
    }
}
