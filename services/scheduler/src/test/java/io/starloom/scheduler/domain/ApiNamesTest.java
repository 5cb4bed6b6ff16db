package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;

class ApiNamesTest {
    @Test
    void shortNamesMapBothWays() {
        assertThat(ProtoNames.shortName(Style.STYLE_INK_WASH)).isEqualTo("ink-wash");
        assertThat(ProtoNames.shortName(Resolution.RESOLUTION_720P)).isEqualTo("720p");
        assertThat(ProtoNames.bare(StoryState.STORY_STATE_COMPLETED)).isEqualTo("COMPLETED");
        assertThat(ApiNames.parse("style", "ink-wash", Style.class, Style.STYLE_CINEMATIC)).isEqualTo(Style.STYLE_INK_WASH);
        assertThat(ApiNames.parse("language", " ZH ", Language.class, Language.LANGUAGE_UNSPECIFIED)).isEqualTo(Language.LANGUAGE_ZH);
        assertThat(ApiNames.parse("resolution", "480P", Resolution.class, Resolution.RESOLUTION_720P))
                .isEqualTo(Resolution.RESOLUTION_480P);
    }

    @Test
    void anAbsentNameTakesTheDefault() {
        assertThat(ApiNames.parse("style", null, Style.class, Style.STYLE_CINEMATIC)).isEqualTo(Style.STYLE_CINEMATIC);
        assertThat(ApiNames.parse("language", "", Language.class, Language.LANGUAGE_UNSPECIFIED))
                .isEqualTo(Language.LANGUAGE_UNSPECIFIED);
    }

    @Test
    void unknownAndPlaceholderNamesAreRefusedWithTheAcceptedOnes() {
        for (String name : new String[] { "watercolour", "unspecified", "ink_wash" }) {
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                    () -> ApiNames.parse("style", name, Style.class, Style.STYLE_CINEMATIC));
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("style");
                assertThat(error.message()).contains("'" + name + "'").contains("cinematic, ink-wash, planetarium");
            });
        }
    }
}
