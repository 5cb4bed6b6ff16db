package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;

class ApiNamesTest {
    @Test
    void shortNamesMapBothWays() {
        assertThat(ApiNames.of(Style.STYLE_INK_WASH, "STYLE_")).isEqualTo("ink-wash");
        assertThat(ApiNames.of(Resolution.RESOLUTION_720P, "RESOLUTION_")).isEqualTo("720p");
        assertThat(ApiNames.state(StoryState.STORY_STATE_COMPLETED, "STORY_STATE_")).isEqualTo("COMPLETED");
        assertThat(ApiNames.parse("style", "ink-wash", Style.class, "STYLE_", Style.STYLE_CINEMATIC)).isEqualTo(Style.STYLE_INK_WASH);
        assertThat(ApiNames.parse("language", " ZH ", Language.class, "LANGUAGE_", Language.LANGUAGE_UNSPECIFIED)).isEqualTo(Language.LANGUAGE_ZH);
        assertThat(ApiNames.parse("resolution", "480P", Resolution.class, "RESOLUTION_", Resolution.RESOLUTION_720P))
                .isEqualTo(Resolution.RESOLUTION_480P);
    }

    @Test
    void anAbsentNameTakesTheDefault() {
        assertThat(ApiNames.parse("style", null, Style.class, "STYLE_", Style.STYLE_CINEMATIC)).isEqualTo(Style.STYLE_CINEMATIC);
        assertThat(ApiNames.parse("language", "", Language.class, "LANGUAGE_", Language.LANGUAGE_UNSPECIFIED))
                .isEqualTo(Language.LANGUAGE_UNSPECIFIED);
    }

    @Test
    void unknownAndPlaceholderNamesAreRefusedWithTheAcceptedOnes() {
        for (String name : new String[] { "watercolour", "unspecified", "ink_wash" }) {
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                    () -> ApiNames.parse("style", name, Style.class, "STYLE_", Style.STYLE_CINEMATIC));
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("style");
                assertThat(error.message()).contains("'" + name + "'").contains("cinematic, ink-wash, planetarium");
            });
        }
    }
}
