package io.starloom.mesh.support.narration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.starloom.mesh.support.narration.NarrationCapacity.Need;
import io.starloom.proto.v1.Language;

class NarrationCapacityTest {
    private static final Language ZH = Language.LANGUAGE_ZH;
    private static final Language EN = Language.LANGUAGE_EN;
    private static final Language UNSPECIFIED = Language.LANGUAGE_UNSPECIFIED;
    private final NarrationCapacity capacity = new NarrationCapacity(new ReadingBudget(4.5, 2.8, 5), 24);

    @Test
    void theSharedSettingsAreWrittenOnceInMeshSupport() throws IOException {
        Properties shared = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shared.load(in);
        }
        assertThat(shared).containsEntry("starloom.narration.shot-seconds", "5")
                .containsEntry("starloom.narration.reading-speed.zh", "4.5")
                .containsEntry("starloom.narration.reading-speed.en", "2.8")
                .containsEntry("starloom.narration.max-shots", "24");
        NarrationCapacity shipped = new NarrationCapacity(
                new ReadingBudget(Double.parseDouble(shared.getProperty("starloom.narration.reading-speed.zh")),
                        Double.parseDouble(shared.getProperty("starloom.narration.reading-speed.en")),
                        Integer.parseInt(shared.getProperty("starloom.narration.shot-seconds"))),
                Integer.parseInt(shared.getProperty("starloom.narration.max-shots")));
        assertThat(shipped.maxUnits(ZH)).isEqualTo(528);
        assertThat(shipped.maxUnits(EN)).isEqualTo(336);
    }

    @Test
    void aFilmCarriesMaxShotsTimesOneShot() {
        assertThat(capacity.maxShots()).isEqualTo(24);
        assertThat(capacity.maxUnits(ZH)).isEqualTo(24 * 22);
        assertThat(capacity.maxUnits(EN)).isEqualTo(24 * 14);
        assertThatThrownBy(() -> new NarrationCapacity(new ReadingBudget(4.5, 2.8, 5), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLanguageIsTheRequestedOneOrElseDetectedAsEnrichmentDetectsIt() {
        assertThat(NarrationCapacity.languageOf("Orion hunts.", ZH)).isEqualTo(ZH);
        assertThat(NarrationCapacity.languageOf("猎户座", EN)).isEqualTo(EN);
        for (String text : new String[] { "有个怪物出来了", "Orion, called 参宿 in China, strides.", "1234 !!!", "" }) {
            assertThat(NarrationCapacity.languageOf(text, UNSPECIFIED)).isEqualTo(LanguageDetector.detect(text));
            assertThat(NarrationCapacity.languageOf(text, Language.UNRECOGNIZED)).isEqualTo(LanguageDetector.detect(text));
        }
    }

    @Test
    void exactlyAtCapacityFitsAndOneUnitMoreExceeds() {
        assertThat(capacity.assess("星".repeat(528), UNSPECIFIED).exceedsFilm()).isFalse();
        assertThat(capacity.assess("星".repeat(529), UNSPECIFIED).exceedsFilm()).isTrue();
        assertThat(capacity.assess("星".repeat(526) + "Vega", UNSPECIFIED).exceedsFilm()).isFalse();
        assertThat(capacity.assess("星".repeat(527) + "Vega", UNSPECIFIED).exceedsFilm()).isTrue();
        assertThat(capacity.assess("Orion hunts. ".repeat(168), UNSPECIFIED).exceedsFilm()).isFalse();
        assertThat(capacity.assess("Orion hunts. ".repeat(168) + "again", UNSPECIFIED).exceedsFilm()).isTrue();
    }

    @Test
    void theNeedIsCountedInTheStorysLanguage() {
        // 20 words of English as Chinese narration: each Latin word takes about as long as two characters.
        String english = "Orion the great hunter strides across the winter plain while the hare runs before his dogs and Sirius shines bright";
        Need asEnglish = capacity.assess(english, UNSPECIFIED);
        assertThat(asEnglish.language()).isEqualTo(EN);
        assertThat(asEnglish.units()).isEqualTo(20);
        assertThat(asEnglish.shots()).isEqualTo(2);
        Need asChinese = capacity.assess(english, ZH);
        assertThat(asChinese.units()).isEqualTo(40);
        assertThat(asChinese.shots()).isEqualTo(2);
        assertThat(capacity.assess("。！", UNSPECIFIED).isEmpty()).isTrue();
        assertThat(capacity.assess("星", UNSPECIFIED).isEmpty()).isFalse();
    }

    @Test
    void theMessageSaysHowMuchTheStoryHasAndHowMuchAFilmCarriesInItsUnits() {
        Need chinese = capacity.assess("星".repeat(900), UNSPECIFIED);
        assertThat(chinese.shots()).isEqualTo(41);
        assertThat(chinese.excessMessage()).isEqualTo("the story has about 900 Chinese characters of narration, about 41 shots of 5 s;"
                + " a film has at most 24 shots (about 528 Chinese characters): shorten it by at least 372 Chinese characters");
        Need english = capacity.assess("word ".repeat(337), UNSPECIFIED);
        assertThat(english.excessMessage()).isEqualTo("the story has about 337 words of narration, about 25 shots of 5 s;"
                + " a film has at most 24 shots (about 336 words): shorten it by at least 1 word");
    }
}
