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
}
