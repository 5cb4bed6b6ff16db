package io.starloom.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;

class SubmissionValidatorTest {
    private final SubmissionValidator validator = new SubmissionValidator(4000,
            Map.of("720p", "wan2.2-t2v-a14b-720p", "480p", "wan2.2-t2v-a14b-480p"));

    @Test
    void picksTheProfileOfTheResolutionWith720pAsTheDefault() {
        assertThat(validator.validate(submission("Orion", Resolution.RESOLUTION_480P, null))).isEqualTo("wan2.2-t2v-a14b-480p");
        assertThat(validator.validate(submission("Orion", Resolution.RESOLUTION_UNSPECIFIED, null))).isEqualTo("wan2.2-t2v-a14b-720p");
    }

    @Test
    void blankOrMissingTextIsInvalid() {
        for (String text : new String[] { null, "", " \n\t　" }) {
            InvalidRequestException e = invalid(submission(text, Resolution.RESOLUTION_720P, null));
            assertThat(e.unprocessable()).isFalse();
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("text");
        }
    }

    @Test
    void theLimitCountsCharactersNotUtf16UnitsOrBytes() {
        String fourThousandStars = "\uD83C\uDF1F".repeat(4000); // 🌟 is two UTF-16 units and four UTF-8 bytes
        assertThat(validator.validate(submission(fourThousandStars, Resolution.RESOLUTION_720P, null))).isNotNull();
        assertThat(validator.validate(submission("银".repeat(4000), Resolution.RESOLUTION_720P, null))).isNotNull();
        InvalidRequestException e = invalid(submission("银".repeat(4001), Resolution.RESOLUTION_720P, null));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.message()).contains("4000").contains("4001");
        });
    }

    @Test
    void everyMalformedFieldIsReportedAtOnce() {
        InvalidRequestException e = invalid(submission(" ", Resolution.RESOLUTION_720P, "k".repeat(129)));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("text", "requestId");
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
        for (String text : new String[] { "Orion\u0000", "Ori\u0007on", "Orion\u001B[2J", "Ori\u007Fon", "Orion\u0085", "\u009FOrion" }) {
            InvalidRequestException e = invalid(submission(text, Resolution.RESOLUTION_720P, null));
            assertThat(e.unprocessable()).isFalse();
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("text");
                assertThat(error.message()).contains("U+00");
            });
        }
        assertThat(validator.validate(submission("Orion\r\n\tand Vega\n", Resolution.RESOLUTION_720P, null))).isNotNull();
        assertThat(validator.validate(submission("安德洛墨达 🌟 \u00A0 ‍", Resolution.RESOLUTION_720P, null))).isNotNull();
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        for (String text : new String[] { "Orion\uD83C", "\uDF1FOrion", "Or\uDF1F\uD83Cion" }) {
            InvalidRequestException e = invalid(submission(text, Resolution.RESOLUTION_720P, null));
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("text");
        }
    }

    @Test
    void theRequestIdIsPlainTextToo() {
        InvalidRequestException e = invalid(submission("Orion", Resolution.RESOLUTION_720P, "key\u0000"));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("requestId");
        e = invalid(submission("Orion\u0000", Resolution.RESOLUTION_720P, "key\uD800"));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("text", "requestId");
    }

    @Test
    void aResolutionNoProfileRendersIsUnprocessableNotMalformed() {
        InvalidRequestException e = invalid(submission("Orion", Resolution.RESOLUTION_1080P, null));
        assertThat(e.unprocessable()).isTrue();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("resolution");
            assertThat(error.message()).contains("1080p").contains("480p, 720p");
        });
    }

    /** With the narration capacity as mesh-support's shared settings ship it: 24 shots of 5 s at 4.5 characters or 2.8 words per second. */
    private final SubmissionValidator narrating = new SubmissionValidator(4000, Map.of("720p", "wan2.2-t2v-a14b-720p"),
            new NarrationCheck(new NarrationCapacity(new ReadingBudget(4.5, 2.8, 5), 24)));

    @Test
    void aStoryWithMoreNarrationThanOneFilmIsRefusedAtTheEdge() {
        assertThat(narrating.validate(submission("星".repeat(528), Resolution.RESOLUTION_720P, null))).isNotNull();
        assertThat(narrating.validate(submission("Orion hunts. ".repeat(168), Resolution.RESOLUTION_720P, null))).isNotNull();

        InvalidRequestException chinese = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission("星".repeat(529), Resolution.RESOLUTION_720P, null)));
        assertThat(chinese.unprocessable()).isFalse();
        assertThat(chinese.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.message()).isEqualTo("the story has about 529 Chinese characters of narration, about 25 shots of 5 s;"
                    + " a film has at most 24 shots (about 528 Chinese characters): shorten it by at least 1 Chinese character");
        });
        InvalidRequestException english = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission("Orion hunts. ".repeat(168) + "Again.", Resolution.RESOLUTION_720P, null)));
        assertThat(english.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .contains("337 words").contains("at most 24 shots (about 336 words)"));
    }

    @Test
    void aTwoThousandCharacterChineseStoryIsRefusedBeforeItIsAccepted() {
        String story = "织女在银河东岸织出漫天云锦牛郎在西岸遥望她喜鹊们飞来搭起一座长桥".repeat(63).substring(0, 2000);
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission(story, Resolution.RESOLUTION_720P, null)));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("text");
            assertThat(error.message()).contains("2000 Chinese characters").contains("91 shots of 5 s").contains("at most 24 shots")
                    .contains("528 Chinese characters").contains("shorten it");
        });
    }

    @Test
    void narrationIsCountedInTheRequestedLanguageOrTheDetectedOne() {
        // 200 English words: 15 shots as English, but 400 characters' worth (a Latin word counts 2) as Chinese narration.
        String english = "Orion strides on. ".repeat(66) + "Vega weaves.";
        assertThat(narrating.validate(submission(english, Language.LANGUAGE_UNSPECIFIED))).isNotNull();
        assertThat(narrating.validate(submission(english, Language.LANGUAGE_ZH))).isNotNull();
        String longer = "Orion strides on. ".repeat(100); // 300 words, 600 characters' worth as Chinese
        assertThat(narrating.validate(submission(longer, Language.LANGUAGE_EN))).isNotNull();
        assertThat(narrating.validate(submission(longer, Language.LANGUAGE_UNSPECIFIED))).isNotNull();
        InvalidRequestException asChinese = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission(longer, Language.LANGUAGE_ZH)));
        assertThat(asChinese.errors()).singleElement().satisfies(error -> assertThat(error.message()).contains("600 Chinese characters"));
        // A Chinese story with English names is detected as Chinese, as enrichment detects it.
        String chinese = "织女星（Vega）停下手中的织机。".repeat(45); // 45 × 12 = 540 characters
        InvalidRequestException detected = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission(chinese, Language.UNRECOGNIZED)));
        assertThat(detected.errors()).singleElement().satisfies(error -> assertThat(error.message()).contains("Chinese characters"));
    }

    @Test
    void aStoryWithNothingToNarrateIsRefused() {
        for (String text : new String[] { "。。。！", "\uD83C\uDF1F\uD83C\uDF1F", "!!! ..." }) {
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                    () -> narrating.validate(submission(text, Resolution.RESOLUTION_720P, null)));
            assertThat(e.errors()).as(text).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("text");
                assertThat(error.message()).contains("no words to narrate");
            });
        }
    }

    @Test
    void theLengthLimitIsReportedAloneAndOtherFieldsStillAre() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission("星".repeat(4001), Resolution.RESOLUTION_720P, "k".repeat(129))));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("text", "requestId");
        assertThat(e.errors().get(0).message()).contains("4000");
        InvalidRequestException both = catchThrowableOfType(InvalidRequestException.class,
                () -> narrating.validate(submission("星".repeat(600), Resolution.RESOLUTION_720P, "k".repeat(129))));
        assertThat(both.errors()).extracting(FieldError::field).containsExactly("text", "requestId");
    }

    @Test
    void aVoiceMustBeOneTheDeploymentOffersWhereItListsAny() {
        SubmissionValidator offering = new SubmissionValidator(4000, Map.of("720p", "wan2.2-t2v-a14b-720p"), NarrationCheck.NONE,
                java.util.List.of(), java.util.List.of("cmn-latn-pinyin", "en-us"));
        assertThat(offering.validate(voiced("en-us"))).isEqualTo("wan2.2-t2v-a14b-720p");
        assertThat(offering.validate(voiced(""))).as("the language's default").isEqualTo("wan2.2-t2v-a14b-720p");

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> offering.validate(voiced("en-gb")));
        assertThat(e.unprocessable()).as("well-formed, not served here: 422").isTrue();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("voice");
            assertThat(error.message()).contains("en-gb").contains("cmn-latn-pinyin, en-us");
        });
        InvalidRequestException malformed = catchThrowableOfType(InvalidRequestException.class, () -> offering.validate(voiced("../x")));
        assertThat(malformed.unprocessable()).as("malformed: 400").isFalse();
        assertThat(malformed.errors()).extracting(FieldError::field).containsExactly("voice");

        assertThat(validator.validate(voiced("en-gb"))).as("a deployment that lists no voices takes any well-formed one").isNotNull();
    }

    private static Submission voiced(String voice) {
        return new Submission("Orion hunts.", Language.LANGUAGE_EN, Style.STYLE_CINEMATIC, Resolution.RESOLUTION_720P, null, null, false,
                new FilmOptions(voice, io.starloom.proto.v1.AspectRatio.ASPECT_RATIO_UNSPECIFIED, false), StoryOptions.NONE);
    }

    private InvalidRequestException invalid(Submission submission) {
        return catchThrowableOfType(InvalidRequestException.class, () -> validator.validate(submission));
    }

    private static Submission submission(String text, Language language) {
        return new Submission(text, language, Style.STYLE_CINEMATIC, Resolution.RESOLUTION_720P, null);
    }

    private static Submission submission(String text, Resolution resolution, String requestId) {
        return new Submission(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_CINEMATIC, resolution, requestId);
    }
}
