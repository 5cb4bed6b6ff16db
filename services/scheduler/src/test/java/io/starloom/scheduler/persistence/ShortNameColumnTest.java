package io.starloom.scheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;

class ShortNameColumnTest {
    private final ShortNameColumn.Language language = new ShortNameColumn.Language();
    private final ShortNameColumn.Style style = new ShortNameColumn.Style();
    private final ShortNameColumn.Resolution resolution = new ShortNameColumn.Resolution();

    @Test
    void valuesAreStoredByTheirShortNames() {
        assertThat(language.convertToDatabaseColumn(Language.LANGUAGE_ZH)).isEqualTo("zh");
        assertThat(style.convertToDatabaseColumn(Style.STYLE_INK_WASH)).isEqualTo("ink-wash");
        assertThat(resolution.convertToDatabaseColumn(Resolution.RESOLUTION_720P)).isEqualTo("720p");
        assertThat(language.convertToEntityAttribute("en")).isEqualTo(Language.LANGUAGE_EN);
        assertThat(style.convertToEntityAttribute("planetarium")).isEqualTo(Style.STYLE_PLANETARIUM);
        assertThat(resolution.convertToEntityAttribute("480p")).isEqualTo(Resolution.RESOLUTION_480P);
        for (Style value : Style.values()) {
            if (value != Style.UNRECOGNIZED && value != Style.STYLE_UNSPECIFIED) {
                assertThat(style.convertToEntityAttribute(style.convertToDatabaseColumn(value))).isEqualTo(value);
            }
        }
    }

    @Test
    void notChosenIsNull() {
        assertThat(language.convertToDatabaseColumn(Language.LANGUAGE_UNSPECIFIED)).isNull();
        assertThat(language.convertToDatabaseColumn(Language.UNRECOGNIZED)).isNull();
        assertThat(resolution.convertToDatabaseColumn(null)).isNull();
        assertThat(language.convertToEntityAttribute(null)).isEqualTo(Language.LANGUAGE_UNSPECIFIED);
        assertThat(resolution.convertToEntityAttribute(null)).isEqualTo(Resolution.RESOLUTION_UNSPECIFIED);
    }

    @Test
    void aNameThatIsNoValueIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> language.convertToEntityAttribute("LANGUAGE_ZH")).withMessageContaining("LANGUAGE_ZH");
        assertThatIllegalStateException().isThrownBy(() -> style.convertToEntityAttribute("ink_wash"));
    }
}
