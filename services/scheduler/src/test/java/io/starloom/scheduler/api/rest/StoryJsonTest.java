package io.starloom.scheduler.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.starloom.contracts.Failures;
import io.starloom.proto.v1.AspectRatio;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;

class StoryJsonTest {
    @Test
    void enumsTakeTheirShortOrBareNames() {
        StoryJson json = StoryJson.of(Story.newBuilder().setState(StoryState.STORY_STATE_IN_REVIEW).setLanguage(Language.LANGUAGE_ZH)
                .setStyle(Style.STYLE_INK_WASH).setResolution(Resolution.RESOLUTION_480P)
                .addShots(ShotStatus.newBuilder().setState(ShotState.SHOT_STATE_GENERATED))
                .addFindings(Finding.newBuilder().setCategory(Category.CATEGORY_VIOLENCE_GRAPHIC)).build());
        assertThat(json.state()).isEqualTo("IN_REVIEW");
        assertThat(json.language()).isEqualTo("zh");
        assertThat(json.style()).isEqualTo("ink-wash");
        assertThat(json.resolution()).isEqualTo("480p");
        assertThat(json.shots()).singleElement().extracting(StoryJson.ShotJson::state).isEqualTo("GENERATED");
        assertThat(json.findings()).singleElement().extracting(StoryJson.FindingJson::category).isEqualTo("violence-graphic");
    }

    @Test
    void unsetLanguageIsNullAndUnsetResolutionIsTheDefault() {
        StoryJson json = StoryJson.of(Story.getDefaultInstance());
        assertThat(json.language()).isNull();
        assertThat(json.resolution()).isEqualTo("720p");
        assertThat(json.failure()).isNull();
        assertThat(json.voice()).isNull();
        assertThat(json.aspectRatio()).isEqualTo("16-9");
        assertThat(json.burnInSubtitles()).isFalse();
    }

    @Test
    void theFilmOptionsAreEchoedAsSubmitted() {
        StoryJson json = StoryJson.of(Story.newBuilder().setVoice("cmn-latn-pinyin").setAspectRatio(AspectRatio.ASPECT_RATIO_9_16)
                .setBurnInSubtitles(true).build());
        assertThat(json.voice()).isEqualTo("cmn-latn-pinyin");
        assertThat(json.aspectRatio()).isEqualTo("9-16");
        assertThat(json.burnInSubtitles()).isTrue();
        assertThat(StoryJson.of(Story.newBuilder().setAspectRatio(AspectRatio.ASPECT_RATIO_1_1).build()).aspectRatio()).isEqualTo("1-1");
    }

    @Test
    void aFailureCarriesItsDomainAndMetadata() {
        StoryJson json = StoryJson.of(Story.newBuilder().setState(StoryState.STORY_STATE_FAILED)
                .setFailure(Failures.of("scheduler", "SHOT_FAILED", "shot 2 failed twice", java.util.Map.of("shot_index", "2"))).build());
        assertThat(json.failure().reason()).isEqualTo("SHOT_FAILED");
        assertThat(json.failure().domain()).isEqualTo("scheduler.starloom.dev");
        assertThat(json.failure().message()).isEqualTo("shot 2 failed twice");
        assertThat(json.failure().metadata()).containsExactlyEntriesOf(java.util.Map.of("shot_index", "2"));
    }
}
