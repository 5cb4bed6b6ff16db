package io.starloom.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiLanguagesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "zh|zh", "zh-CN|zh", "zh-Hans|zh", "zh-Hant-TW|zh", "ZH-cn|zh", "zh-CN,zh;q=0.9,en;q=0.8|zh",
            "en|en", "en-US,en;q=0.9|en", "en;q=0.1, zh-CN;q=0.9|zh", "fr, zh;q=0.5|zh", "zh;q=0, en|en",
            "zh;q=0|en", "de|en", "*|en", "NULL|en", "''|en", "not a ;;; header|en", "zh;q=2|en" })
    void picksChineseOrEnglishByRfc4647Lookup(String header, String expected) {
        assertThat(ApiLanguages.negotiate(header)).isEqualTo(Locale.forLanguageTag(expected));
    }
}
