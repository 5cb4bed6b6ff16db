package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;

/** No error is English-only: every code and title has words in both bundles, and the Chinese ones are Chinese. */
class ErrorTextsTest {
    private static final Properties ENGLISH = load("/i18n/errors.properties");
    private static final Properties CHINESE = load("/i18n/errors_zh.properties");

    @Test
    void everyCodeHasEnglishAndChineseWords() {
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ENGLISH.stringPropertyNames()).containsAll(codes);
        assertThat(CHINESE.stringPropertyNames()).containsAll(codes);
    }

    @Test
    void bothBundlesHaveTheSameKeysAndNoneUnused() {
        assertThat(new TreeSet<>(CHINESE.stringPropertyNames())).isEqualTo(new TreeSet<>(ENGLISH.stringPropertyNames()));
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(ENGLISH.stringPropertyNames()).allSatisfy(key -> assertThat(key.startsWith("title.") || codes.contains(key))
                .as("%s is an ErrorCode or a title", key).isTrue());
    }

    @Test
    void everyChineseTextIsChineseAndEveryPatternFormats() {
        List<String> numbers = IntStream.range(0, 12).mapToObj(String::valueOf).toList();
        for (String key : ENGLISH.stringPropertyNames()) {
            String zh = ErrorTexts.format(key, ErrorTexts.CHINESE, numbers);
            String en = ErrorTexts.format(key, ErrorTexts.ENGLISH, numbers);
            assertThat(zh).as(key).containsPattern("\\p{IsHan}").doesNotContain("{").isNotEqualTo(en);
            assertThat(en).as(key).doesNotContainPattern("\\p{IsHan}").doesNotContain("{");
            // MessageFormat drops a lone apostrophe and everything it quotes: each must be doubled.
            assertThat(en.length()).as(key + " lost text to an unescaped apostrophe").isGreaterThan(0);
            assertThat(new MessageFormat(CHINESE.getProperty(key)).getFormatsByArgumentIndex().length)
                    .as(key + " uses no argument the code does not pass").isLessThanOrEqualTo(numbers.size());
        }
    }

    @Test
    void fieldErrorsReadTheSameCodeInEitherLanguage() {
        FieldError blank = new FieldError("text", ErrorCode.TEXT_REQUIRED);
        assertThat(blank.message()).isEqualTo("a story is required and must not be blank");
        assertThat(blank.message(ErrorTexts.CHINESE)).isEqualTo("故事内容（text）不能为空");
        FieldError quoted = new FieldError("priority", ErrorCode.PRIORITY_NOT_ALLOWED, "urgent", "standard");
        assertThat(quoted.message()).isEqualTo("priority 'urgent' is above this tenant's entitlement; the highest it may ask for is 'standard'");
        assertThat(quoted.message(ErrorTexts.CHINESE)).isEqualTo("优先级（priority）“urgent”超出该租户的权限；最高只能请求“standard”");
        // A plain argument is shown as written: no digit grouping.
        assertThat(new FieldError("text", ErrorCode.TEXT_TOO_LONG, 10000, 10001).message()).contains("10000").contains("10001");
        assertThat(Locale.forLanguageTag("zh-CN").getLanguage()).isEqualTo(ErrorTexts.CHINESE.getLanguage());
    }

    @Test
    void choicesReadTheirArgumentAsANumber() {
        assertThat(new FieldError("profile", ErrorCode.PROFILE_NOT_SERVED, "p", "", 0).message()).endsWith("served now: none (no worker is running)");
        assertThat(new FieldError("profile", ErrorCode.PROFILE_NOT_SERVED, "p", "a, b", 2).message()).endsWith("served now: a, b");
        assertThat(new FieldError("profile", ErrorCode.PROFILE_NOT_SERVED, "p", "a, b", 2).message(ErrorTexts.CHINESE)).endsWith("当前提供的配置：a, b");
    }

    @Test
    void narrationOverAFilmIsCountedInTheStorysUnitsInChinese() {
        NarrationCheck check = new NarrationCheck(new NarrationCapacity(new ReadingBudget(4.5, 2.8, 5), 24));
        FieldError chinese = check.check("星".repeat(529), Language.LANGUAGE_ZH).orElseThrow();
        assertThat(chinese.code()).isEqualTo(ErrorCode.NARRATION_EXCEEDS_FILM);
        assertThat(chinese.message()).contains("529 Chinese characters").contains("at most 24 shots (about 528 Chinese characters)");
        assertThat(chinese.message(ErrorTexts.CHINESE)).isEqualTo(
                "故事的旁白约有 529 个汉字，约需 25 个 5 秒的镜头；一部影片最多 24 个镜头（约 528 个汉字）：请至少删减 1 个汉字");
        FieldError english = check.check("word ".repeat(400), Language.LANGUAGE_EN).orElseThrow();
        assertThat(english.message(ErrorTexts.CHINESE)).contains("个英文单词").doesNotContain("汉字");
    }

    @Test
    void enrichmentsReasonsHaveTheirOwnCodesAndAnUnknownOneIsRefused() {
        // The reasons services/enrichment's FieldViolations carry (StoryboardPlanner, PlanLimits, EditedStoryboards).
        for (String reason : List.of("EMPTY_TEXT", "TEXT_TOO_LONG", "UNKNOWN_LANGUAGE", "UNKNOWN_STYLE", "INVALID_OPTIONS", "SHOT_COUNT",
                "EMPTY_PROMPT", "DURATION", "NARRATION_TOO_LONG", "UNKNOWN_CONSTELLATION", "TOO_LONG", "CONTROL_CHARACTERS", "INSTRUCTION")) {
            assertThat(ErrorCode.ofEnrichment(reason).name()).isEqualTo("ENRICHMENT_" + reason);
        }
        assertThat(ErrorCode.ofEnrichment("SOMETHING_NEW")).isEqualTo(ErrorCode.ENRICHMENT_REFUSED);
        assertThat(ErrorCode.ofEnrichment("")).isEqualTo(ErrorCode.ENRICHMENT_REFUSED);
        FieldError passedOn = new FieldError("options.max_shots", ErrorCode.ofEnrichment("INVALID_OPTIONS"), "max_shots must be 1..24");
        assertThat(passedOn.message()).isEqualTo("max_shots must be 1..24");
        assertThat(passedOn.within("story").field()).isEqualTo("story.options.max_shots");
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = ErrorTextsTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
